// kavosh-search: ranked search of a Kavosh index from the terminal.
//
// Exit status, as grep's: 0 if something was found (even if not on the page
// asked for), 1 if nothing was, 2 on error (bad arguments, missing or
// incompatible index, unusable query, unknown --show id).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "common/terminal_text.h"
#include "kavosh/kavosh.h"
#include "searcher/cli/display.h"
#include "searcher/cli/show.h"
#include "searcher/cli/terminal.h"
#include "searcher/json/results_json.h"

namespace {

int print_article(const kavosh::ArticleView& article, bool json,
                  const kavosh::cli::Display& display) {
  if (json) {
    std::fputs(kavosh::json::dump(kavosh::json::article(article)).c_str(), stdout);
    return 0;
  }
  std::fputs(kavosh::cli::render_article(article, display).c_str(), stdout);
  return 0;
}

// The library's message, with the option or call it names as the flag the
// reader typed ("date_from/date_to: ..." -> "--from/--to: ...").
std::string message_of(const kavosh::Error& e) {
  static constexpr std::pair<std::string_view, std::string_view> kFlags[] = {
      {"date_from/date_to", "--from/--to"},
      {"more_like", "--like"},
      {"document", "--show"},
      {"similar", "--similar"},
  };
  const std::string what = e.what();
  for (const auto& [name, flag] : kFlags) {
    if (e.location().where == name && what.starts_with(name)) {
      return std::string(flag) + what.substr(name.size());
    }
  }
  return what;
}

int run(int argc, char** argv) {
  CLI::App app{"Search a Kavosh index of Persian news", "kavosh-search"};
  std::vector<std::string> index;
  std::vector<std::string> words;
  kavosh::SearchOptions options;
  bool json = false;
  app.add_option("--index,-i", index,
                 "Index directory made by kavosh-index; repeat it to search shards as one, or "
                 "give a Xapian stub file of remote shards")
      ->required()
      ->allow_extra_args(false);
  app.add_option("QUERY", words,
                 "Words to find; \"quoted phrase\"; -word to exclude; word* for the words that "
                 "begin so; OR, AND and ( ) between words");
  app.add_option("--limit,-n", options.limit, "Results to show")->capture_default_str();
  app.add_option("--offset", options.offset, "Results to skip")->capture_default_str();
  app.add_flag("--json", json, "Print results as JSON");
  app.add_option("--from", options.date_from,
                 "Only documents dated from this day or period on (1404/09/01, 1404/09, 2025-12)");
  app.add_option("--to", options.date_to,
                 "Only documents dated up to this day or period, inclusive (1404/09 = to its end)");
  app.add_option("--source", options.sources, "Only documents from this source (repeatable)")
      ->allow_extra_args(false);
  std::string sort = "relevance";
  app.add_option("--sort", sort, "Order: relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
      ->capture_default_str();
  app.add_option("--recency", options.recency_half_life_days,
                 "Favour recent documents, with this half-life in days (relevance order)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--facets", options.facets, "Count results by source and Jalali month and year");
  bool no_collapse = false;
  app.add_flag("--no-collapse", no_collapse, "Show near-duplicates of a story separately");
  std::string similar;
  app.add_option("--similar", similar, "List the near-duplicates of the document with this id");
  std::string like;
  app.add_option("--like", like, "Documents most like the one with this id (no QUERY needed)");
  std::string show;
  app.add_option("--show", show,
                 "Print the article with this id or place (path:line as results show it) whole; "
                 "QUERY's words are highlighted");
  bool count = false;
  app.add_flag("--count", count, "Print only the number of results");
  app.add_flag("--exact", options.exact, "Search the query as typed, never its correction");
  kavosh::cli::DisplayChoice display_choice;
  app.add_option("--color", display_choice.color,
                 "Highlight matches: auto (a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--bidi", display_choice.bidi,
                 "Right-to-left text: visual (laid out by Kavosh), logical (for terminals that "
                 "reorder) or auto (from the terminal; also KAVOSH_BIDI)")
      ->check(CLI::IsMember({"auto", "visual", "logical"}))
      ->capture_default_str();
  bool no_shaping = false;
  app.add_flag("--no-shaping", no_shaping,
               "In visual order, leave letters unjoined (they copy and paste as plain Persian)");
  std::string dates = "persian";
  app.add_option("--dates", dates, "Dates: persian (۲۱ آذر ۱۴۰۴ · 2025-12-12) or numeric")
      ->check(CLI::IsMember({"persian", "numeric"}))
      ->capture_default_str();
  // "-word" excludes a word from the results; CLI11 would take a Persian
  // "-پوتین" for an unknown option, so take such arguments out first.
  std::vector<char*> args;
  std::vector<std::string> exclusions;
  for (int i = 0; i < argc; ++i) {
    const auto second = static_cast<unsigned char>(argv[i][0] == '-' ? argv[i][1] : 0);
    if (i > 0 && (second >= 0x80 || second == '"')) {
      exclusions.emplace_back(argv[i]);
    } else {
      args.push_back(argv[i]);
    }
  }
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "kavosh-search: error: {}\n", kavosh::terminal_safe(e.what()));
    return 2;
  }

  options.sort = sort == "newest"   ? kavosh::Sort::kNewest
                 : sort == "oldest" ? kavosh::Sort::kOldest
                                    : kavosh::Sort::kRelevance;
  std::string query;
  for (const std::string& word : words) {
    query += (query.empty() ? "" : " ") + word;
  }
  for (const std::string& word : exclusions) {
    query += " " + word;
  }
  display_choice.shaping = !no_shaping;
  display_choice.numeric_dates = dates == "numeric";
  std::string display_error;
  const auto display = kavosh::cli::choose_display(display_choice, display_error);
  if (!display) {
    fmt::print(stderr, "kavosh-search: error: {}\n", kavosh::terminal_safe(display_error));
    return 2;
  }
  // --facets alone is an overview of the index: the counts, no list.
  if (query.empty() && options.facets && app.count("--limit") == 0) {
    options.limit = 0;
  }
  if (count) {
    options.limit = 0;
    options.snippets = false;
  }
  // For measurement and diagnosis (docs/ANALYSIS.md), read here and never
  // by the library: features turned off, and the query as Xapian runs it.
  if (const char* ablate = std::getenv("KAVOSH_ABLATE")) {
    options.ablate = ablate;
  }
  options.describe_query = std::getenv("KAVOSH_DEBUG_QUERY") != nullptr;
  try {
    const kavosh::Searcher searcher =
        kavosh::Searcher::open(std::vector<std::filesystem::path>(index.begin(), index.end()));
    if (!show.empty()) {
      return print_article(searcher.document(show, query), json, *display);
    }
    options.collapse = !no_collapse;
    const kavosh::Results results = !similar.empty() ? searcher.similar(similar, options)
                                    : !like.empty()  ? searcher.more_like(like, options)
                                                     : searcher.search(query, options);
    if (!results.query_description.empty()) {
      fmt::print(stderr, "{}\n", results.query_description);
    }
    if (count && !json) {
      fmt::print("{}\n", results.total);
    } else if (json) {
      std::fputs(kavosh::json::dump(kavosh::json::results(results, options)).c_str(), stdout);
    } else {
      std::fputs(kavosh::cli::render(results, options, *display).c_str(), stdout);
    }
    return results.total == 0 ? 1 : 0;
  } catch (const kavosh::Error& e) {
    fmt::print(stderr, "kavosh-search: error: {}\n", kavosh::terminal_safe(message_of(e)));
    return 2;
  }
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
