// kavosh-bench-speed: indexing throughput, peak memory, index size and query
// latency of Kavosh beside SQLite FTS5 and plain Xapian (bench/speed/run.sh
// drives it; see docs/BENCHMARKS.md).
//
//   generate --corpora DIR --docs N --seed S --out DIR
//   run --collection NAME=DIR... [--runs 3] [--threads 1,4] --work DIR [--out FILE]
//   index-fts5 CORPUS INDEX, index-xapian CORPUS INDEX, query ...  (children of run)
//
// Exit status: 0 done, 2 error.
#include <fmt/format.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>

#include "bench/speed/generator.h"
#include "bench/speed/report.h"
#include "bench/speed/runner.h"
#include "bench/speed/systems.h"

namespace fs = std::filesystem;

namespace {

using Named = std::vector<std::pair<std::string, fs::path>>;

// "name=path" arguments.
Named parse_named(const std::vector<std::string>& args, const char* what) {
  Named out;
  for (const std::string& arg : args) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CLI::ValidationError(what, "expected NAME=PATH, got " + arg);
    }
    out.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
  }
  return out;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return text;
}

int run_main(int argc, char** argv) {
  CLI::App app{"Kavosh speed benchmark", "kavosh-bench-speed"};
  app.require_subcommand(1);

  kavosh::bench::GeneratorOptions generator;
  CLI::App* generate = app.add_subcommand("generate", "Write a collection built from real text");
  generate->add_option("--corpora", generator.corpora, "Folder of corpora")->required();
  generate->add_option("--out", generator.out, "Folder to write")->required();
  generate->add_option("--docs", generator.docs, "Articles")->capture_default_str();
  generate->add_option("--seed", generator.seed, "Random seed")->capture_default_str();
  generate->add_option("--queries", generator.queries, "Queries of each kind")
      ->capture_default_str();

  kavosh::bench::RunOptions run_options;
  std::vector<std::string> collections;
  std::vector<std::string> query_files;
  std::string out_file;
  CLI::App* run = app.add_subcommand("run", "Index and query each collection with each system");
  run->add_option("--collection", collections, "NAME=DIR, repeated")->required();
  run->add_option("--queries", query_files, "KIND=FILE for collections without query files");
  run->add_option("--work", run_options.work, "Folder for indexes and logs")->required();
  run->add_option("--kavosh-index", run_options.kavosh_index, "kavosh-index binary")
      ->default_val(KAVOSH_INDEX_BIN);
  run->add_option("--runs", run_options.runs, "Runs to take medians of")->capture_default_str();
  run->add_option("--threads", run_options.threads, "Query threads counts")
      ->delimiter(',')
      ->capture_default_str();
  run->add_option("--rounds", run_options.rounds, "Passes over the queries per measurement")
      ->capture_default_str();
  run->add_option("--systems", run_options.systems,
                  "Systems to run: kavosh, kavosh-jobs1, kavosh-shards2, fts5, xapian")
      ->delimiter(',')
      ->check(CLI::IsMember({"kavosh", "kavosh-jobs1", "kavosh-shards2", "fts5", "xapian"}))
      ->capture_default_str();
  run->add_flag("--compact", run_options.compact,
                "Also measure Kavosh's index compacted again (kavosh-index compacts after a "
                "first run itself; this shows what is left)");
  run->add_option("--out", out_file, "Also write the Markdown report here");

  std::vector<std::string> index_args;
  std::size_t batch = 2000;
  CLI::App* fts5 = app.add_subcommand("index-fts5", "Index a collection with SQLite FTS5");
  fts5->add_option("CORPUS INDEX", index_args)->expected(2)->required();
  fts5->add_option("--batch", batch, "Documents per commit")->capture_default_str();
  CLI::App* xapian = app.add_subcommand("index-xapian", "Index a collection with plain Xapian");
  xapian->add_option("CORPUS INDEX", index_args)->expected(2)->required();
  xapian->add_option("--batch", batch, "Documents per commit")->capture_default_str();

  std::string system;
  fs::path index;
  std::vector<std::size_t> threads{1};
  std::size_t rounds = 2;
  fs::path query_out;
  CLI::App* query = app.add_subcommand("query", "Time the query sets on one index");
  query->add_option("--system", system, "kavosh, fts5 or xapian")->required();
  query->add_option("--index", index, "Index folder")->required();
  query->add_option("--queries", query_files, "KIND=FILE, repeated")->required();
  query->add_option("--threads", threads, "Threads counts")->delimiter(',');
  query->add_option("--rounds", rounds, "Passes over the queries");
  query->add_option("--out", query_out, "JSON file to write")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (generate->parsed()) {
      const auto result = kavosh::bench::generate(generator);
      fmt::print("{}: {} documents, {:.1f} MB of text from {} sentences\n", generator.out.string(),
                 result.docs, static_cast<double>(result.text_bytes) / 1e6, result.sentences);
    } else if (fts5->parsed()) {
      kavosh::bench::index_fts5(index_args[0], index_args[1], batch);
    } else if (xapian->parsed()) {
      kavosh::bench::index_xapian(index_args[0], index_args[1], batch);
    } else if (query->parsed()) {
      kavosh::bench::run_queries(system, index, parse_named(query_files, "--queries"), threads,
                                 rounds, query_out);
    } else if (run->parsed()) {
      run_options.collections = parse_named(collections, "--collection");
      run_options.queries = parse_named(query_files, "--queries");
      run_options.self = fs::read_symlink("/proc/self/exe").string();
      const auto results = kavosh::bench::run_benchmark(run_options);
      const std::string report =
          fmt::format("Machine: {}. Date: {}.\n\n{}", kavosh::bench::machine_description(),
                      utc_now(), kavosh::bench::markdown_report(results, run_options));
      fmt::print("{}", report);
      if (!out_file.empty()) {
        std::ofstream(out_file) << report;
      }
    }
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kavosh-bench-speed: error: {}\n", e.what());
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "kavosh-bench-speed: error: {}\n", e.get_description());
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (...) {
    std::fputs("kavosh-bench-speed: error: unexpected exception\n", stderr);
    return 2;
  }
}
