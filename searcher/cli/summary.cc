#include "searcher/cli/summary.h"

#include <fmt/format.h>

#include <vector>

#include "searcher/cli/terminal.h"

namespace kavosh::cli {
namespace {

using Line = std::vector<Segment>;

std::string results_word(std::uint64_t n) { return n == 1 ? "result" : "results"; }

// A line of English with archive strings (the query, source names) in it,
// each isolated, so a Persian word never reorders the sentence around it.
std::string line(const Line& segments, const Display& display) {
  return paragraph(segments, display, 0, 0, Direction::kLeftToRight);
}

void join(Line& out, const std::vector<std::string>& items, std::string_view separator) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out.push_back({std::string(separator)});
    }
    out.push_back({items[i], TextStyle::kNormal, true});
  }
}

// "no results for "x"" and, when filters left nothing, which; then the
// time taken, then the nearest source names.
std::string nothing_found(const Results& results, const std::string& seconds,
                          const Display& display) {
  Line first;
  if (results.query.empty()) {
    first.push_back({"no documents"});
  } else {
    first = {{"no results for \""}, {results.query, TextStyle::kNormal, true}, {"\""}};
  }
  if (!results.emptied_by.empty()) {
    first.push_back({" with "});
    join(first, results.emptied_by, " and ");
  }
  first.push_back({" " + seconds});
  std::string out = line(first, display);
  if (!results.emptied_by.empty() && !results.query.empty()) {
    out += line({{fmt::format("the words alone find documents; {} none of them",
                              results.emptied_by.size() == 1 ? "this filter leaves"
                                                             : "these filters together leave")}},
                display);
  }
  if (!results.nearest_sources.empty()) {
    Line nearest{{"no such source in the index; the nearest: "}};
    join(nearest, results.nearest_sources, ", ");
    out += line(nearest, display);
  }
  return out;
}

std::string count_line(const Results& results, const SearchOptions& options,
                       const std::string& seconds) {
  const std::string about = results.total_exact ? "" : "about ";
  if (results.hits.empty() && options.limit == 0) {
    return fmt::format("{}{} {} {}", about, results.total, results_word(results.total), seconds);
  }
  if (results.hits.empty()) {
    return fmt::format("no results from {} on: there {} {}{} {} {}", options.offset + 1,
                       results.total == 1 ? "is" : "are", about, results.total,
                       results_word(results.total), seconds);
  }
  // Every result on this page: just how many ("1 result", "3 results").
  if (options.offset == 0 && results.total_exact && results.hits.size() == results.total) {
    return fmt::format("{} {} {}", results.total, results_word(results.total), seconds);
  }
  return fmt::format("results {}–{} of {}{} {}", options.offset + 1,
                     options.offset + results.hits.size(), about, results.total, seconds);
}

}  // namespace

std::string render_summary(const Results& results, const SearchOptions& options,
                           const Display& display) {
  std::string out;
  if (!results.corrected_from.empty()) {
    out += line({{"showing results for "},
                 {results.query, TextStyle::kBold, true},
                 {"; search for "},
                 {results.corrected_from, TextStyle::kNormal, true},
                 {" instead with --exact"}},
                display);
  }
  if (!results.suggestion.empty()) {
    out += line({{"did you mean: "}, {results.suggestion, TextStyle::kBold, true}}, display);
  }
  const std::string seconds = fmt::format("({:.3f} s)", results.seconds);
  if (results.total == 0) {
    out += nothing_found(results, seconds, display);
  } else {
    out += line({{count_line(results, options, seconds)}}, display);
  }
  if (results.undated_left_out > 0) {
    out += line({{fmt::format("the date filter left out {} undated {}", results.undated_left_out,
                              results_word(results.undated_left_out))}},
                display);
  }
  if (results.undated_last > 0) {
    out += line({{fmt::format("{} of the results {} undated, listed last", results.undated_last,
                              results.undated_last == 1 ? "is" : "are")}},
                display);
  }
  return out;
}

}  // namespace kavosh::cli
