#include "searcher/cli/terminal.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace kavosh::cli {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kMatch = "\033[1;31m";
constexpr std::string_view kReset = "\033[0m";

}  // namespace

std::string render_facets(const Facets& facets) {
  std::string out;
  const auto row = [&](std::string_view label, const std::vector<FacetCount>& counts,
                       std::size_t max) {
    if (counts.empty()) {
      return;
    }
    out += fmt::format("{}:", label);
    for (std::size_t i = 0; i < counts.size() && i < max; ++i) {
      out += fmt::format("  {} {}", counts[i].value, counts[i].count);
    }
    if (counts.size() > max) {
      out += fmt::format("  (+{} more)", counts.size() - max);
    }
    out += '\n';
  };
  row("sources", facets.sources, 10);
  row("years", facets.years, 10);
  row("months", facets.months, 12);
  if (facets.undated > 0) {
    out += fmt::format("undated: {}\n", facets.undated);
  }
  return out + '\n';
}

std::string render(const Results& results, const SearchOptions& options, bool color) {
  const std::string_view match_open = color ? kMatch : "";
  const std::string_view match_close = color ? kReset : "";
  std::string out;
  for (const Hit& hit : results.hits) {
    const std::string title =
        hit.title.empty() ? hit.id : mark(hit.title, hit.title_highlights, match_open, match_close);
    out += fmt::format("{}{}.{} {}\n", color ? kBold : "", hit.rank, color ? kReset : "", title);
    std::string meta;
    if (hit.date_calendar == "hijri") {
      // Converted from the Hijri date, maybe a day off: show it as written.
      meta += fmt::format("{} ({}; {})", hit.date_jalali, hit.date_gregorian, hit.date_written);
    } else if (!hit.date_jalali.empty()) {
      meta += fmt::format("{} ({})", hit.date_jalali, hit.date_gregorian);
    }
    if (!hit.source.empty()) {
      meta += (meta.empty() ? "" : " · ") + hit.source;
    }
    std::string place = hit.line > 0 ? fmt::format("{}:{}", hit.path, hit.line) : hit.path;
    if (hit.id != hit.path && hit.line == 0) {
      place = fmt::format("{} [{}]", hit.path, hit.id);
    } else if (hit.line > 0 && hit.id.rfind(hit.path, 0) != 0) {
      place = fmt::format("{} [{}]", place, hit.id);
    }
    meta += (meta.empty() ? "" : " · ") + place;
    if (hit.similar > 0) {
      meta += fmt::format(" · +{} similar", hit.similar);
    }
    out += fmt::format("   {}{}{}\n", color ? kDim : "", meta, color ? kReset : "");
    if (!hit.snippet.empty()) {
      out += fmt::format("   {}\n",
                         mark(hit.snippet, hit.snippet_highlights, match_open, match_close));
    }
    out += '\n';
  }
  if (options.facets) {
    out += render_facets(results.facets);
  }
  if (!results.suggestion.empty()) {
    out += fmt::format("did you mean: {}{}{}\n", color ? kBold : "", results.suggestion,
                       color ? kReset : "");
  }
  if (results.hits.empty()) {
    out += fmt::format("no results for \"{}\" ({:.3f} s)\n", results.query, results.seconds);
  } else {
    out += fmt::format("{}–{} of {} results ({:.3f} s)\n", options.offset + 1,
                       options.offset + results.hits.size(), results.total, results.seconds);
  }
  return out;
}

std::string render_json(const Results& results, const SearchOptions& options) {
  nlohmann::json hits = nlohmann::json::array();
  const auto ranges = [](const std::vector<Range>& rs) {
    nlohmann::json a = nlohmann::json::array();
    for (const Range& r : rs) {
      a.push_back({r.begin, r.end});
    }
    return a;
  };
  for (const Hit& hit : results.hits) {
    hits.push_back({
        {"rank", hit.rank},
        {"score", hit.score},
        {"id", hit.id},
        {"path", hit.path},
        {"line", hit.line},
        {"title", hit.title},
        {"source", hit.source},
        {"url", hit.url},
        {"date_gregorian", hit.date_gregorian},
        {"date_jalali", hit.date_jalali},
        {"date_written", hit.date_written},
        {"date_calendar", hit.date_calendar},
        {"date_origin", hit.date_origin},
        {"category", hit.category},
        {"tags", hit.tags},
        {"author", hit.author},
        {"similar", hit.similar},
        {"snippet", hit.snippet},
        {"snippet_highlights", ranges(hit.snippet_highlights)},
        {"title_highlights", ranges(hit.title_highlights)},
    });
  }
  const nlohmann::json doc = {
      {"query", results.query},
      {"total", results.total},
      {"offset", options.offset},
      {"limit", options.limit},
      {"seconds", results.seconds},
      {"hits", std::move(hits)},
      {"suggestion", results.suggestion},
      {"sort", options.sort == Sort::kNewest   ? "newest"
               : options.sort == Sort::kOldest ? "oldest"
                                               : "relevance"},
  };
  nlohmann::json out = doc;
  if (options.facets) {
    const auto counts = [](const std::vector<FacetCount>& cs) {
      nlohmann::json a = nlohmann::json::array();
      for (const FacetCount& c : cs) {
        a.push_back({{"value", c.value}, {"count", c.count}});
      }
      return a;
    };
    out["facets"] = {{"sources", counts(results.facets.sources)},
                     {"months", counts(results.facets.months)},
                     {"years", counts(results.facets.years)},
                     {"undated", results.facets.undated},
                     {"exact", results.facets.exact}};
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace kavosh::cli
