// kavosh-index: brings a Kavosh index up to date with a directory of news.
//
// Exit status: 0 done; 1 done, but some files, lines or articles were skipped
// (each named in a warning); 2 error (bad arguments, missing corpus, index
// that cannot be opened or written); 130 interrupted (what was read so far is
// committed; run again to finish).
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "common/command_line.h"
#include "common/features.h"
#include "common/terminal_text.h"
#include "indexer/index_check.h"
#include "indexer/index_stores.h"
#include "indexer/indexer.h"
#include "indexer/root_records.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

using kavosh::terminal_safe;

// Warnings name files and quote ids from the corpus: shown through
// terminal_safe(), so a name holding ESC or a newline can neither drive the
// terminal nor forge a line.
class StderrReporter : public kavosh::Reporter {
 public:
  explicit StderrReporter(bool quiet) : quiet_(quiet) {}
  void skipped(const std::string& path, std::uint64_t line, std::string_view reason) override {
    if (quiet_) {
      return;
    }
    if (line > 0) {
      fmt::print(stderr, "kavosh-index: warning: {}:{}: {}\n", terminal_safe(path), line,
                 terminal_safe(reason));
    } else {
      fmt::print(stderr, "kavosh-index: warning: {}: {}\n", terminal_safe(path),
                 terminal_safe(reason));
    }
  }
  void noted(const std::string& path, std::string_view message) override {
    if (!quiet_) {
      fmt::print(stderr, "kavosh-index: warning: {}: {}\n", terminal_safe(path),
                 terminal_safe(message));
    }
  }

 private:
  bool quiet_;
};

void print_dry_run(const kavosh::IndexSummary& s) {
  for (const auto& id : s.would_add) {
    fmt::print("add {}\n", terminal_safe(id));
  }
  for (const auto& id : s.would_update) {
    fmt::print("update {}\n", terminal_safe(id));
  }
  for (const auto& id : s.would_remove) {
    fmt::print("remove {}\n", terminal_safe(id));
  }
  fmt::print(
      "dry run: {} files: would add {}, update {}, remove {}; {} unchanged, {} skipped; "
      "nothing written\n",
      s.files, s.added, s.updated, s.removed, s.unchanged, s.skipped);
}

void print_summary(const kavosh::IndexSummary& s) {
  if (s.new_root && s.other_roots > 0) {
    fmt::print("new corpus root {} (paths {}/...), beside {} other{}\n", terminal_safe(s.root_path),
               terminal_safe(s.root_label), s.other_roots, s.other_roots == 1 ? "" : "s");
  }
  for (const auto& link : s.outside) {
    fmt::print("followed a symlink out of the corpus: {}\n", terminal_safe(link));
  }
  fmt::print("{} files: {} added, {} updated, {} unchanged, {} removed, {} skipped in {:.2f} s\n",
             s.files, s.added, s.updated, s.unchanged, s.removed, s.skipped, s.seconds);
  for (const auto& [reason, count] : s.skip_reasons) {
    fmt::print("  skipped {}: {}\n", count, terminal_safe(reason));
  }
  if (s.compacted) {
    fmt::print("compacted: {:.1f} MB -> {:.1f} MB in {:.2f} s\n",
               static_cast<double>(s.bytes_before) / 1e6, static_cast<double>(s.bytes_after) / 1e6,
               s.compact_seconds);
  }
  if (s.shards > 1) {
    fmt::print("index holds {} documents in {} shards\n", s.documents, s.shards);
  } else {
    fmt::print("index holds {} documents\n", s.documents);
  }
}

// "32M", "1G", "500000": bytes.
std::size_t parse_size(const std::string& text) {
  std::size_t used = 0;
  const unsigned long long number = std::stoull(text, &used);
  std::string unit = text.substr(used);
  const std::size_t shift = unit.empty()                   ? 0
                            : (unit == "K" || unit == "k") ? 10
                            : (unit == "M" || unit == "m") ? 20
                            : (unit == "G" || unit == "g") ? 30
                                                           : 64;
  if (shift == 64 || number == 0 || number > (std::size_t{1} << 40) >> shift) {
    throw std::invalid_argument(text);
  }
  return static_cast<std::size_t>(number) << shift;
}

// KAVOSH_ABLATE (common/features.h): the analysis features to turn off, for
// measurement.
kavosh::Features features_from_environment() {
  const char* env = std::getenv("KAVOSH_ABLATE");
  std::vector<std::string> unknown;
  const kavosh::Features f = kavosh::ablate(env == nullptr ? "" : env, {}, &unknown);
  for (const std::string& name : unknown) {
    fmt::print(stderr, "kavosh: KAVOSH_ABLATE: unknown feature \"{}\" (known: {})\n", name,
               kavosh::kFeatureNames);
  }
  return f;
}

struct Args {
  std::string corpus;
  std::string index;
  std::string max_article_size = "64M";
  std::string remove_root;
  bool list_roots = false;
  bool quiet = false;
  bool always_compact = false;
  bool never_compact = false;
  bool no_default_excludes = false;
  bool check = false;
  bool no_verify = false;
  kavosh::IndexOptions options;
};

constexpr const char* kFooter = R"(EXIT STATUS
  0    done
  1    done, but some files, lines or articles were skipped (each named in a
       warning)
  2    error: bad arguments, missing corpus, an index that cannot be opened or
       written, removals refused, or --check found a problem
  130  interrupted: what was read so far is committed; run again to finish

ENVIRONMENT
  KAVOSH_INDEX  the index directory when --index is not given)";

void declare(CLI::App& app, Args& a) {
  app.set_version_flag("--version", "kavosh-index " KAVOSH_VERSION, "Print the version and exit");
  app.footer(kFooter);
  app.add_option("CORPUS_DIR", a.corpus, "Directory of articles to index (one corpus root)");
  app.add_option("--index,-i", a.index,
                 "Index directory (created if missing; default: $KAVOSH_INDEX)")
      ->envname("KAVOSH_INDEX")
      ->required();
  app.add_option("--batch-size", a.options.batch_size, "Changed documents per commit")
      ->check(kavosh::command_line::whole_number<std::size_t>(1))
      ->capture_default_str();
  app.add_option("--jobs,-j", a.options.jobs,
                 "Threads that analyze documents (default: one per core)")
      ->check(kavosh::command_line::whole_number(1, 256));
  app.add_option("--shards", a.options.shards,
                 "Split a new index into N shards by a hash of the document id (an existing "
                 "index keeps its shards)")
      ->check(kavosh::command_line::whole_number(1, 1024));
  app.add_option("--include", a.options.include,
                 "Index only files matching this glob (repeatable; a glob without '/' matches "
                 "file names at any depth, one with '/' the path relative to CORPUS_DIR)")
      ->allow_extra_args(false);
  app.add_option("--exclude", a.options.exclude,
                 "Skip files and directories matching this glob (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--no-default-excludes", a.no_default_excludes,
               "Also index README*, LICENSE*, COPYING*, NOTICE*, CHANGELOG* and qrels* files");
  app.add_option("--max-article-size", a.max_article_size,
                 "Skip articles larger than this (bytes, or with K, M or G)")
      ->capture_default_str();
  app.add_flag("--allow-removals", a.options.allow_removals,
               "Remove documents even when the corpus folder is empty or more than half of its "
               "documents are gone");
  app.add_flag("--dry-run,-n", a.options.dry_run,
               "Print what would be added, updated and removed, and write nothing");
  app.add_option("--remove-root", a.remove_root,
                 "Remove every document of this corpus root (its folder or label) and exit");
  app.add_flag("--roots", a.list_roots, "List the corpus roots of the index and exit");
  auto* compact_flag = app.add_flag(
      "--compact", a.always_compact,
      "Compact the index after this run (by default: when a quarter of it changed since the last "
      "compaction)");
  app.add_flag("--no-compact", a.never_compact, "Do not compact the index after this run")
      ->excludes(compact_flag);
  app.add_flag("--quiet,-q", a.quiet, "Print no warnings about skipped input");
  app.add_flag("--no-verify", a.no_verify,
               "Skip the structural check of the index before writing (it costs about 2% of the "
               "time the index took to build)");
  app.add_flag("--check", a.check,
               "Check the index's structure and that its Xapian and SQLite parts agree, and exit");
}

int check(const std::string& index) {
  std::uint64_t documents = 0;
  const auto parts = kavosh::index_parts(index, 0);
  for (const auto& part : parts) {
    const kavosh::CheckResult result = kavosh::check_index(part);
    if (!result.problem.empty()) {
      fmt::print(stderr, "kavosh-index: error: {}: {}\n", terminal_safe(part.string()),
                 terminal_safe(result.problem));
      return 2;
    }
    documents += result.documents;
  }
  if (parts.size() > 1) {
    fmt::print("{}: consistent, {} documents in {} shards\n", terminal_safe(index), documents,
               parts.size());
  } else {
    fmt::print("{}: consistent, {} documents\n", terminal_safe(index), documents);
  }
  return 0;
}

int roots(const std::string& index) {
  for (const kavosh::RootInfo& root : kavosh::list_roots(index)) {
    fmt::print("{}\t{}\t{} documents\n", terminal_safe(root.path),
               root.label.empty() ? "(first root)" : terminal_safe(root.label), root.documents);
  }
  return 0;
}

// What a run that wrote something has to say besides its summary, before it.
void print_run_notes(const Args& a, const kavosh::IndexSummary& summary) {
  if (!summary.sqlite_damage.empty()) {
    fmt::print(stderr,
               "kavosh-index: warning: {}: metadata.sqlite was damaged ({}): rebuilt from the "
               "Xapian index, the damaged file kept as metadata.sqlite.damaged\n",
               terminal_safe(a.index), terminal_safe(summary.sqlite_damage));
  } else if (summary.recovered) {
    fmt::print(stderr,
               "kavosh-index: note: metadata rebuilt from the Xapian index after an "
               "interrupted run\n");
  }
  if (summary.files == 0) {
    fmt::print(stderr, "kavosh-index: warning: {}: no article files found\n",
               terminal_safe(a.corpus));
  }
}

// What a run that wrote something has to say after its summary, and its
// exit status.
int finish_run(const Args& a, const kavosh::IndexSummary& summary) {
  if (!summary.compact_error.empty()) {
    fmt::print(stderr, "kavosh-index: warning: {}: {} (the index is intact)\n",
               terminal_safe(a.index), terminal_safe(summary.compact_error));
  }
  if (summary.interrupted) {
    fmt::print(stderr,
               "kavosh-index: interrupted; everything read so far is committed ({} documents "
               "in the index): run again to finish\n",
               summary.documents);
    return 130;
  }
  if (summary.removals_refused > 0) {
    fmt::print(stderr,
               "kavosh-index: error: {}: removed nothing: this run would remove {} of the {} "
               "documents indexed from {}, because {}; if that is what you want, run again with "
               "--allow-removals (--dry-run lists them)\n",
               terminal_safe(a.index), summary.removals_refused, summary.root_documents,
               terminal_safe(summary.root_path), summary.refused_because);
    return 2;
  }
  return summary.skipped > 0 ? 1 : 0;
}

int index(Args& a) {
  if (a.corpus.empty()) {
    fmt::print(stderr, "kavosh-index: error: CORPUS_DIR is required\n");
    return 2;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  StderrReporter reporter(a.quiet);
  kavosh::IndexOptions& options = a.options;
  options.corpus = a.corpus;
  options.index = a.index;
  options.default_excludes = !a.no_default_excludes;
  options.verify = !a.no_verify;
  if (a.always_compact) {
    options.compact = kavosh::IndexOptions::Compact::kAlways;
  } else if (a.never_compact) {
    options.compact = kavosh::IndexOptions::Compact::kNever;
  }
  options.progress = isatty(STDERR_FILENO) != 0 && !a.quiet;
  options.stop = &g_stop;
  const kavosh::IndexSummary summary = kavosh::run_index(options, reporter);
  if (options.dry_run) {
    print_dry_run(summary);
    return summary.skipped > 0 ? 1 : 0;
  }
  print_run_notes(a, summary);
  print_summary(summary);
  return finish_run(a, summary);
}

int run(int argc, char** argv) {
  // Past RLIMIT_FSIZE, write() then fails with EFBIG, which Xapian and SQLite
  // report like a full disk, instead of the kernel killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Index a directory of Persian news articles (.txt, .json, .jsonl, gzipped or not)",
               "kavosh-index"};
  Args a;
  declare(app, a);
  try {
    app.parse(argc, argv);
    a.options.max_article_bytes = parse_size(a.max_article_size);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "kavosh-index: error: {}\n",
               terminal_safe(kavosh::command_line::parse_error_message(app, e)));
    return 2;
  } catch (const std::exception&) {
    fmt::print(stderr,
               "kavosh-index: error: --max-article-size: not a size: \"{}\" (give bytes from 1 "
               "to 1T, or a number with K, M or G)\n",
               terminal_safe(a.max_article_size));
    return 2;
  }
  a.options.features = features_from_environment();
  try {
    if (a.check) {
      return check(a.index);
    }
    if (a.list_roots) {
      return roots(a.index);
    }
    if (!a.remove_root.empty()) {
      const std::uint64_t removed = kavosh::remove_root(a.index, a.remove_root);
      fmt::print("removed corpus root {}: {} documents\n", terminal_safe(a.remove_root), removed);
      return 0;
    }
    return index(a);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kavosh-index: error: {}\n", terminal_safe(e.what()));
    return 2;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "kavosh-index: error: {}: {}\n", terminal_safe(a.index),
               terminal_safe(e.get_description()));
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("kavosh-index: error: unexpected failure\n", stderr);
    return 2;
  }
}
