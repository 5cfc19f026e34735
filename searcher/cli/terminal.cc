#include "searcher/cli/terminal.h"

#include <fmt/format.h>

#include "common/persian_date.h"
#include "common/terminal_text.h"
#include "searcher/cli/summary.h"

namespace kavosh::cli {
namespace {

constexpr std::string_view kSeparator = " · ";

std::vector<Segment> metadata(const Hit& hit, const Display& display) {
  std::vector<Segment> out;
  const auto field = [&](std::string text, bool isolate = true) {
    if (!out.empty()) {
      out.push_back({std::string(kSeparator), TextStyle::kDim});
    }
    out.push_back({std::move(text), TextStyle::kDim, isolate});
  };
  // A date converted from the Hijri one may be a day off: shown as written too.
  const bool hijri = hit.date_calendar == kavosh::Calendar::kHijri;
  const std::string persian = display.numeric_dates ? "" : persian_date(hit.date_jalali);
  if (!persian.empty()) {
    field(persian);
    field(hit.date_gregorian);
    if (hijri) {
      out.push_back({" (", TextStyle::kDim});
      out.push_back({hit.date_written, TextStyle::kDim, true});
      out.push_back({")", TextStyle::kDim});
    }
  } else if (!hit.date_jalali.empty()) {
    field(hijri ? fmt::format("{} ({}; {})", hit.date_jalali, hit.date_gregorian, hit.date_written)
                : fmt::format("{} ({})", hit.date_jalali, hit.date_gregorian));
  }
  if (!hit.date_jalali.empty() && hit.date_origin != kavosh::DateOrigin::kUnknown &&
      hit.date_origin != kavosh::DateOrigin::kMetadata) {
    // A date the article's metadata did not give: found by Kavosh.
    out.push_back({" [date from ", TextStyle::kDim});
    out.push_back({std::string(kavosh::to_string(hit.date_origin)), TextStyle::kDim, true});
    out.push_back({"]", TextStyle::kDim});
  }
  if (!hit.source.empty()) {
    field(hit.source);
  }
  field(hit.line > 0 ? fmt::format("{}:{}", hit.path, hit.line) : hit.path);
  const bool id_in_path = hit.line == 0 ? hit.id == hit.path : hit.id.rfind(hit.path, 0) == 0;
  if (!id_in_path) {
    out.push_back({" [", TextStyle::kDim});
    out.push_back({hit.id, TextStyle::kDim, true});
    out.push_back({"]", TextStyle::kDim});
  }
  if (hit.similar > 0) {
    field(fmt::format("+{} similar", hit.similar), false);
  }
  return out;
}

std::string render_hit(const Hit& hit, const Display& display) {
  const std::string label = fmt::format("{}. ", hit.rank);
  std::vector<Segment> title{{label, TextStyle::kBold}};
  for (Segment& s :
       hit.title.empty() ? highlighted(hit.id, {}) : highlighted(hit.title, hit.title_highlights)) {
    title.push_back(std::move(s));
  }
  std::string out = paragraph(title, display, 0, label.size());
  out += paragraph(metadata(hit, display), display, 3, 3, Direction::kLeftToRight);
  if (!hit.url.empty()) {
    out += paragraph({{hit.url, TextStyle::kDim, true}}, display, 3, 3, Direction::kLeftToRight);
  }
  if (!hit.snippet.empty()) {
    out += paragraph(highlighted(hit.snippet, hit.snippet_highlights), display, 3, 3);
  }
  return out + '\n';
}

}  // namespace

std::vector<Segment> highlighted(std::string_view text, const std::vector<Range>& highlights,
                                 TextStyle style) {
  bool cut = false;
  if (text.size() > kMaxPrintedField) {
    std::size_t end = kMaxPrintedField;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    text = text.substr(0, end);
    cut = true;
  }
  std::vector<Segment> out;
  std::size_t at = 0;
  for (const Range& r : highlights) {
    // As mark(): ranges out of order, overlapping or out of bounds are skipped.
    if (r.begin < at || r.end <= r.begin || r.end > text.size()) {
      continue;
    }
    if (r.begin > at) {
      out.push_back({std::string(text.substr(at, r.begin - at)), style});
    }
    out.push_back({std::string(text.substr(r.begin, r.end - r.begin)), TextStyle::kMatch});
    at = r.end;
  }
  if (at < text.size()) {
    out.push_back({std::string(text.substr(at)), style});
  }
  if (cut) {
    out.push_back({"…", style});
  }
  return out;
}

std::string paragraph(const std::vector<Segment>& segments, const Display& display,
                      std::size_t first_indent, std::size_t rest_indent, Direction direction) {
  LayoutOptions options;
  options.order = display.order;
  options.width = display.width;
  options.first_indent = first_indent;
  options.rest_indent = rest_indent;
  options.direction = direction;
  options.shape = display.shape;
  options.color = display.color;
  std::string out;
  for (const std::string& line : layout(segments, options)) {
    out += line + '\n';
  }
  return out;
}

std::string render_facets(const Facets& facets, const Display& display) {
  std::string out;
  const auto row = [&](std::string_view label, const std::vector<FacetCount>& counts,
                       std::size_t max) {
    if (counts.empty()) {
      return;
    }
    std::vector<Segment> line{{fmt::format("{}:", label)}};
    for (std::size_t i = 0; i < counts.size() && i < max; ++i) {
      line.push_back({"  "});
      line.push_back({counts[i].value, TextStyle::kNormal, true});
      line.push_back({fmt::format(" {}", counts[i].count)});
    }
    if (counts.size() > max) {
      line.push_back({fmt::format("  (+{} more)", counts.size() - max)});
    }
    out += paragraph(line, display, 0, 2, Direction::kLeftToRight);
  };
  row("sources", facets.sources, 10);
  row("years", facets.years, 10);
  row("months", facets.months, 12);
  if (facets.undated > 0) {
    out += fmt::format("undated: {}\n", facets.undated);
  }
  return out + '\n';
}

std::string render(const Results& results, const SearchOptions& options, const Display& display) {
  std::string out;
  for (const Hit& hit : results.hits) {
    out += render_hit(hit, display);
  }
  if (options.facets) {
    out += render_facets(results.facets, display);
  }
  out += render_summary(results, options, display);
  // The Terminal BiDi spec's BDSM: explicit mode while the lines, already in
  // visual order, go out.
  return display.explicit_mode ? "\033[8l" + out + "\033[8h" : out;
}

}  // namespace kavosh::cli
