#include "searcher/cli/summary.h"

#include <fmt/format.h>

#include "common/terminal_text.h"

namespace kavosh::cli {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kReset = "\033[0m";

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + terminal_safe(item);
  }
  return out;
}

std::string results_word(std::uint64_t n) { return n == 1 ? "result" : "results"; }

// "no results for "x"" and, when filters left nothing, which; then the
// time taken, then the nearest source names.
std::string nothing_found(const Results& results, const std::string& seconds) {
  std::string out = results.query.empty()
                        ? std::string("no documents")
                        : fmt::format("no results for \"{}\"", terminal_safe(results.query));
  if (!results.emptied_by.empty()) {
    out += fmt::format(" with {}", join(results.emptied_by, " and "));
  }
  out += fmt::format(" {}\n", seconds);
  if (!results.emptied_by.empty() && !results.query.empty()) {
    out += fmt::format(
        "the words alone find documents; {} none of them\n",
        results.emptied_by.size() == 1 ? "this filter leaves" : "these filters together leave");
  }
  if (!results.nearest_sources.empty()) {
    out += fmt::format("no such source in the index; the nearest: {}\n",
                       join(results.nearest_sources, ", "));
  }
  return out;
}

}  // namespace

std::string render_summary(const Results& results, const SearchOptions& options, bool color) {
  const std::string_view bold = color ? kBold : "";
  const std::string_view reset = color ? kReset : "";
  std::string out;
  if (!results.corrected_from.empty()) {
    out += fmt::format("showing results for {}{}{}; search for {} instead with --exact\n", bold,
                       terminal_safe(results.query), reset, terminal_safe(results.corrected_from));
  }
  if (!results.suggestion.empty()) {
    out += fmt::format("did you mean: {}{}{}\n", bold, terminal_safe(results.suggestion), reset);
  }
  const std::string about = results.total_exact ? "" : "about ";
  const std::string seconds = fmt::format("({:.3f} s)", results.seconds);
  if (results.total == 0) {
    out += nothing_found(results, seconds);
  } else if (results.hits.empty() && options.limit == 0) {
    out += fmt::format("{}{} {} {}\n", about, results.total, results_word(results.total), seconds);
  } else if (results.hits.empty()) {
    out += fmt::format("no results from {} on: there {} {}{} {} {}\n", options.offset + 1,
                       results.total == 1 ? "is" : "are", about, results.total,
                       results_word(results.total), seconds);
  } else {
    out += fmt::format("{}–{} of {}{} {} {}\n", options.offset + 1,
                       options.offset + results.hits.size(), about, results.total,
                       results_word(results.total), seconds);
  }
  if (results.undated_left_out > 0) {
    out += fmt::format("the date filter left out {} undated {}\n", results.undated_left_out,
                       results_word(results.undated_left_out));
  }
  if (results.undated_last > 0) {
    out += fmt::format("{} of the results {} undated, listed last\n", results.undated_last,
                       results.undated_last == 1 ? "is" : "are");
  }
  return out;
}

}  // namespace kavosh::cli
