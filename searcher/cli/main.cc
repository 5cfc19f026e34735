// kavosh-search: ranked search of a Kavosh index from the terminal.
//
// Exit status, as grep's: 0 if something was found (even if not on the page
// asked for), 1 if nothing was, 2 on error (bad arguments, missing or
// incompatible index, unusable query, unknown --show id). With --queries:
// 0 if some query found something, 1 if none did, 2 if any failed (the
// others are still answered).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "common/command_line.h"
#include "common/terminal_text.h"
#include "kavosh/kavosh.h"
#include "searcher/cli/display.h"
#include "searcher/cli/queries.h"
#include "searcher/cli/show.h"
#include "searcher/cli/table.h"
#include "searcher/cli/terminal.h"
#include "searcher/json/results_json.h"

namespace {

namespace command_line = kavosh::command_line;

// Before CSV, so that spreadsheet programs read the Persian as UTF-8.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

constexpr const char* kFooter =
    R"(A QUERY word that begins with '-' excludes documents with it ("-پوتین", "-VAR");
one that could be taken for an option goes after --, which ends the options:
  kavosh-search -- AFC -VAR
With no QUERY and standard input not a terminal, the query is read from it
(echo ترامپ | kavosh-search); --queries FILE runs a query per line.

Formats (--format): text for the terminal; json, one document; jsonl, one line
of JSON per query; csv (RFC 4180, CRLF line ends, starting with a UTF-8 byte
order mark so that spreadsheet programs read Persian) and tsv (tabs and line
breaks within a field become spaces), each with a header row: rank, id, title,
date_jalali, date_gregorian, source, url, score, snippet (plain text), and with
--queries a query column first.

EXIT STATUS
  0  something was found (with --queries: by some query)
  1  nothing was found
  2  error: bad arguments, missing or incompatible index, unusable query,
     unknown --show id (with --queries: any query failed; the others are
     still answered)

ENVIRONMENT
  KAVOSH_INDEX  the index directory when --index is not given
  KAVOSH_BIDI   as --bidi when that is auto
  NO_COLOR      set: no colour with --color=auto)";

enum class Format { kText, kJson, kJsonl, kCsv, kTsv };

struct Args {
  std::vector<std::string> index;
  std::vector<std::string> words;
  std::vector<std::string> exclusions;
  kavosh::SearchOptions options;
  Format format = Format::kText;
  std::string queries;
  std::string similar;
  std::string like;
  std::string show;
  bool count = false;
  bool limit_given = false;
  bool json = false;
  bool no_collapse = false;
  bool no_shaping = false;
  std::string dates = "persian";
  kavosh::cli::Display display;
};

void fail(std::string_view message) {
  fmt::print(stderr, "kavosh-search: error: {}\n", kavosh::terminal_safe(message));
}

// The library's message, with the option or call it names as the flag the
// reader typed ("date_from/date_to: ..." -> "--from/--to: ..."), and
// "query: query has no words ..." read once.
std::string describe(const kavosh::Error& e) {
  static constexpr std::pair<std::string_view, std::string_view> kFlags[] = {
      {"date_from/date_to", "--from/--to"},
      {"more_like", "--like"},
      {"document", "--show"},
      {"similar", "--similar"},
  };
  const std::string_view what = e.what();
  for (const auto& [name, flag] : kFlags) {
    if (e.location().where == name && what.starts_with(name)) {
      return std::string(flag) + std::string(what.substr(name.size()));
    }
  }
  if (what.starts_with("query: query ")) {
    return "the " + std::string(what.substr(7));
  }
  return std::string(what);
}

void print_article(const kavosh::ArticleView& article, Format format,
                   const kavosh::cli::Display& display) {
  if (format == Format::kJson) {
    std::fputs(kavosh::json::dump(kavosh::json::article(article)).c_str(), stdout);
  } else if (format == Format::kJsonl) {
    std::fputs(kavosh::json::dump_line(kavosh::json::article(article)).c_str(), stdout);
  } else {
    std::fputs(kavosh::cli::render_article(article, display).c_str(), stdout);
  }
}

void print_results(const kavosh::Results& results, const kavosh::SearchOptions& options,
                   const Args& a) {
  switch (a.format) {
    case Format::kText:
      if (a.count) {
        fmt::print("{}\n", results.total);
      } else {
        std::fputs(kavosh::cli::render(results, options, a.display).c_str(), stdout);
      }
      break;
    case Format::kJson:
      std::fputs(kavosh::json::dump(kavosh::json::results(results, options)).c_str(), stdout);
      break;
    case Format::kJsonl:
      std::fputs(kavosh::json::dump_line(kavosh::json::results(results, options)).c_str(), stdout);
      break;
    case Format::kCsv:
    case Format::kTsv: {
      if (a.count) {
        fmt::print("{}\n", results.total);
        break;
      }
      const auto table =
          a.format == Format::kCsv ? kavosh::cli::Table::kCsv : kavosh::cli::Table::kTsv;
      const std::string_view bom = a.format == Format::kCsv ? kUtf8Bom : "";
      std::fputs((std::string(bom) + kavosh::cli::table_header(table, false) +
                  kavosh::cli::table_rows(table, results, false))
                     .c_str(),
                 stdout);
      break;
    }
  }
}

// --queries: every line of the file a query, answered by one Searcher.
int run_batch(const kavosh::Searcher& searcher, const Args& a) {
  std::ifstream file;
  if (a.queries != "-") {
    file.open(a.queries, std::ios::binary);
    if (!file) {
      fail(fmt::format("--queries: cannot read {}", a.queries));
      return 2;
    }
  }
  kavosh::cli::QueryReader reader(a.queries == "-" ? std::cin : file);
  const auto table = a.format == Format::kCsv ? kavosh::cli::Table::kCsv : kavosh::cli::Table::kTsv;
  if (a.format == Format::kCsv || a.format == Format::kTsv) {
    const std::string_view bom = a.format == Format::kCsv ? kUtf8Bom : "";
    std::fputs((std::string(bom) + kavosh::cli::table_header(table, true)).c_str(), stdout);
  }
  nlohmann::json all = nlohmann::json::array();
  bool found = false;
  bool failed = false;
  std::string query;
  std::uint64_t line = 0;
  while (reader.next(query, line)) {
    const std::string where =
        (a.queries == "-" ? "<stdin>" : a.queries) + ":" + std::to_string(line);
    nlohmann::json doc;
    try {
      const kavosh::Results results = searcher.search(query, a.options);
      found = found || results.total > 0;
      if (a.format == Format::kCsv || a.format == Format::kTsv) {
        std::fputs(kavosh::cli::table_rows(table, results, true, query).c_str(), stdout);
      } else {
        doc = kavosh::json::results(results, a.options);
      }
    } catch (const kavosh::Error& e) {
      failed = true;
      fail(fmt::format("{}: {}", where, describe(e)));
      doc = kavosh::json::error(e);
      doc["query"] = query;
    }
    if (!doc.is_null()) {
      doc["line"] = line;
      if (a.format == Format::kJson) {
        all.push_back(std::move(doc));
      } else {
        std::fputs(kavosh::json::dump_line(doc).c_str(), stdout);
      }
    }
    std::fflush(stdout);
  }
  if (a.format == Format::kJson) {
    std::fputs(kavosh::json::dump(all).c_str(), stdout);
  }
  return failed ? 2 : found ? 0 : 1;
}

// The query of a single search: QUERY's words, or, with none and standard
// input not a terminal, its one line (as grep and rg read a pipe). False
// (with the error printed) if standard input holds several.
bool read_query(const Args& a, std::string& query) {
  for (const std::string& word : a.words) {
    query += (query.empty() ? "" : " ") + word;
  }
  for (const std::string& word : a.exclusions) {
    query += " " + word;
  }
  const bool by_id = !a.show.empty() || !a.like.empty() || !a.similar.empty();
  if (!query.empty() || by_id || isatty(STDIN_FILENO) != 0) {
    return true;
  }
  kavosh::cli::QueryReader reader(std::cin);
  std::uint64_t line = 0;
  reader.next(query, line);
  std::string more;
  if (reader.next(more, line)) {
    fail("standard input holds more than one query; --queries - searches each line");
    return false;
  }
  return true;
}

int search(const Args& a) {
  if (!a.queries.empty() && a.format == Format::kText) {
    fail("--queries writes jsonl (the default with it), json, csv or tsv, not text");
    return 2;
  }
  std::string query;
  if (a.queries.empty() && !read_query(a, query)) {
    return 2;
  }
  if (!a.show.empty() && (a.format == Format::kCsv || a.format == Format::kTsv)) {
    fail("--show prints text, json or jsonl");
    return 2;
  }
  kavosh::SearchOptions options = a.options;
  // --facets alone is an overview of the index: the counts, no list.
  if (query.empty() && a.queries.empty() && options.facets && !a.limit_given) {
    options.limit = 0;
  }
  try {
    const kavosh::Searcher searcher =
        kavosh::Searcher::open(std::vector<std::filesystem::path>(a.index.begin(), a.index.end()));
    if (!a.queries.empty()) {
      return run_batch(searcher, a);
    }
    if (!a.show.empty()) {
      print_article(searcher.document(a.show, query), a.format, a.display);
      return 0;
    }
    const kavosh::Results results = !a.similar.empty() ? searcher.similar(a.similar, options)
                                    : !a.like.empty()  ? searcher.more_like(a.like, options)
                                                       : searcher.search(query, options);
    if (!results.query_description.empty()) {
      fmt::print(stderr, "{}\n", results.query_description);
    }
    print_results(results, options, a);
    return results.total == 0 ? 1 : 0;
  } catch (const kavosh::Error& e) {
    fail(describe(e));
    return 2;
  }
}

// "-word" excludes a word from the results, but CLI11 would take "-پوتین"
// or "-VAR" for an unknown option: before "--", an argument of '-' and a
// letter that begins no short option (or a quote) is taken out as a query
// word first.
// `suspect` is set to the first argument that may be such a word but
// begins with a short option ("-nato" is -n ato), for the error's hint.
std::vector<char*> take_exclusions(const CLI::App& app, int argc, char** argv,
                                   std::vector<std::string>& exclusions, std::string& suspect) {
  std::string short_names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_snames()) {
      short_names += name;
    }
  }
  std::vector<char*> args{argv[0]};
  bool options_ended = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    options_ended = options_ended || arg == "--";
    const auto second = static_cast<unsigned char>(arg.size() > 1 ? arg[1] : 0);
    const bool letter = (second >= 'a' && second <= 'z') || (second >= 'A' && second <= 'Z');
    if (!options_ended && arg[0] == '-' &&
        (second >= 0x80 || second == '"' ||
         (letter && short_names.find(static_cast<char>(second)) == std::string::npos))) {
      exclusions.emplace_back(arg);
    } else {
      if (!options_ended && letter && arg[0] == '-' && arg.size() > 2 && suspect.empty() &&
          std::all_of(arg.begin() + 1, arg.end(), [](char c) { return std::isalpha(c) != 0; })) {
        suspect = arg;
      }
      args.push_back(argv[i]);
    }
  }
  return args;
}

void declare(CLI::App& app, Args& a, std::string& format, std::string& sort,
             kavosh::cli::DisplayChoice& display_choice) {
  app.set_version_flag("--version", std::string("kavosh-search ") + kavosh::version(),
                       "Print the version and exit");
  app.footer(kFooter);
  app.add_option("--index,-i", a.index,
                 "Index directory made by kavosh-index; repeat it to search shards as one, or "
                 "give a Xapian stub file of remote shards (default: $KAVOSH_INDEX)")
      ->envname("KAVOSH_INDEX")
      ->required()
      ->allow_extra_args(false);
  app.add_option("QUERY", a.words,
                 "Words to find; \"quoted phrase\"; -word to exclude; word* for the words that "
                 "begin so; OR, AND and ( ) between words");
  app.add_option("--queries", a.queries,
                 "Run each line of FILE as a query (- for standard input), in one process; "
                 "blank lines are skipped. Output: --format jsonl unless given")
      ->type_name("FILE");
  app.add_option("--limit,-n", a.options.limit, "Results to show")
      ->check(command_line::whole_number<std::size_t>())
      ->capture_default_str();
  app.add_option("--offset", a.options.offset, "Results to skip")
      ->check(command_line::whole_number<std::size_t>())
      ->capture_default_str();
  auto* format_option = app.add_option("--format", format, "Output: text, json, jsonl, csv or tsv")
                            ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "tsv"}))
                            ->capture_default_str();
  app.add_flag("--json", a.json, "Print results as JSON (as --format json)")
      ->excludes(format_option);
  app.add_option("--from", a.options.date_from,
                 "Only documents dated from this day or period on (1404/09/01, 1404/09, 2025-12)");
  app.add_option("--to", a.options.date_to,
                 "Only documents dated up to this day or period, inclusive (1404/09 = to its end)");
  app.add_option("--source", a.options.sources, "Only documents from this source (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--sort", sort, "Order: relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
      ->capture_default_str();
  app.add_option("--recency", a.options.recency_half_life_days,
                 "Favour recent documents, with this half-life in days (relevance order)")
      ->check(command_line::positive_number());
  app.add_flag("--facets", a.options.facets, "Count results by source and Jalali month and year");
  app.add_flag("--no-collapse", a.no_collapse, "Show near-duplicates of a story separately");
  app.add_option("--similar", a.similar, "List the near-duplicates of the document with this id");
  app.add_option("--like", a.like, "Documents most like the one with this id (no QUERY needed)");
  app.add_option("--show", a.show,
                 "Print the article with this id or place (path:line as results show it) whole; "
                 "QUERY's words are highlighted");
  app.add_flag("--count", a.count, "Print only the number of results");
  app.add_flag("--exact", a.options.exact, "Search the query as typed, never its correction");
  app.add_option("--color", display_choice.color,
                 "Highlight matches: auto (a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--bidi", display_choice.bidi,
                 "Right-to-left text: visual (laid out by Kavosh), logical (for terminals that "
                 "reorder) or auto (from the terminal; also KAVOSH_BIDI)")
      ->check(CLI::IsMember({"auto", "visual", "logical"}))
      ->capture_default_str();
  app.add_flag("--no-shaping", a.no_shaping,
               "In visual order, leave letters unjoined (they copy and paste as plain Persian)");
  app.add_option("--dates", a.dates, "Dates: persian (۲۱ آذر ۱۴۰۴ · 2025-12-12) or numeric")
      ->check(CLI::IsMember({"persian", "numeric"}))
      ->capture_default_str();
}

// What the options say beyond their values; false (with the error
// printed) if they contradict each other.
bool settle(const CLI::App& app, Args& a, const std::string& format, const std::string& sort,
            kavosh::cli::DisplayChoice& display_choice) {
  if (a.json) {
    a.format = Format::kJson;
  } else if (app.count("--format") == 0 && !a.queries.empty()) {
    a.format = Format::kJsonl;
  } else {
    a.format = format == "json"    ? Format::kJson
               : format == "jsonl" ? Format::kJsonl
               : format == "csv"   ? Format::kCsv
               : format == "tsv"   ? Format::kTsv
                                   : Format::kText;
  }
  if (const auto twice = command_line::repeated_path(a.index)) {
    fail(fmt::format("--index: {} is given twice (the same index as an earlier --index)", *twice));
    return false;
  }
  if (!a.queries.empty() &&
      (!a.words.empty() || !a.exclusions.empty() || !a.show.empty() || !a.like.empty() ||
       !a.similar.empty() ||
       (a.count && a.format != Format::kJsonl && a.format != Format::kJson))) {
    fail(
        "--queries takes no QUERY, --show, --like or --similar, and --count only with jsonl or "
        "json");
    return false;
  }
  a.options.sort = sort == "newest"   ? kavosh::Sort::kNewest
                   : sort == "oldest" ? kavosh::Sort::kOldest
                                      : kavosh::Sort::kRelevance;
  a.options.collapse = !a.no_collapse;
  display_choice.shaping = !a.no_shaping;
  display_choice.numeric_dates = a.dates == "numeric";
  std::string display_error;
  const auto display = kavosh::cli::choose_display(display_choice, display_error);
  if (!display) {
    fail(display_error);
    return false;
  }
  a.display = *display;
  a.limit_given = app.count("--limit") > 0;
  if (a.count) {
    a.options.limit = 0;
    a.options.snippets = false;
  }
  // For measurement and diagnosis (docs/ANALYSIS.md), read here and never
  // by the library: features turned off, and the query as Xapian runs it.
  if (const char* ablate = std::getenv("KAVOSH_ABLATE")) {
    a.options.ablate = ablate;
  }
  a.options.describe_query = std::getenv("KAVOSH_DEBUG_QUERY") != nullptr;
  return true;
}

int run(int argc, char** argv) {
  CLI::App app{"Search a Kavosh index of Persian news", "kavosh-search"};
  Args a;
  std::string format = "text";
  std::string sort = "relevance";
  kavosh::cli::DisplayChoice display_choice;
  declare(app, a, format, sort, display_choice);
  std::string suspect;
  std::vector<char*> args = take_exclusions(app, argc, argv, a.exclusions, suspect);
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    std::string message = command_line::parse_error_message(app, e);
    if (!suspect.empty()) {
      message += fmt::format(" (to search for {0}, put it after --: -- {0})", suspect);
    }
    fail(message);
    return 2;
  }
  if (!settle(app, a, format, sort, display_choice)) {
    return 2;
  }
  return search(a);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("kavosh-search: error: unexpected failure\n", stderr);
    return 2;
  }
}
