#include "searcher/cli/show.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/persian_date.h"
#include "common/terminal_text.h"
#include "searcher/cli/terminal.h"

namespace kavosh::cli {
namespace {

using Line = std::vector<Segment>;

// Segments of body[begin, end) with the highlights that fall in it; each
// under kMaxPrintedField bytes, which the layout would cut, so that a long
// paragraph is shown whole.
Line body_segments(std::string_view body, std::size_t begin, std::size_t end,
                   const std::vector<Range>& highlights) {
  Line out;
  const auto add = [&](std::size_t from, std::size_t to, TextStyle style) {
    while (from < to) {
      std::size_t cut = std::min(to, from + kMaxPrintedField / 2);
      while (cut < to && cut > from && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      out.push_back({std::string(body.substr(from, cut - from)), style});
      from = cut;
    }
  };
  std::size_t at = begin;
  for (const Range& r : highlights) {
    if (r.end <= at || r.begin >= end || r.begin >= r.end || r.begin < at) {
      continue;
    }
    add(at, r.begin, TextStyle::kNormal);
    add(r.begin, std::min(r.end, end), TextStyle::kMatch);
    at = std::min(r.end, end);
  }
  add(at, end, TextStyle::kNormal);
  return out;
}

std::string place(const Hit& hit) {
  std::string out = hit.line > 0 ? fmt::format("{}:{}", hit.path, hit.line) : hit.path;
  if (hit.id != hit.path && hit.id != out) {
    out += fmt::format(" [{}]", hit.id);
  }
  return out;
}

// "date: ۲۱ آذر ۱۴۰۴ · 2025-12-12 · written "…" · jalali calendar · from the text"
Line dates(const Hit& hit, const Display& display) {
  Line out{{"date:   ", TextStyle::kDim}};
  if (hit.date_jalali.empty()) {
    out.push_back({"undated", TextStyle::kDim});
    return out;
  }
  const std::string persian = display.numeric_dates ? "" : persian_date(hit.date_jalali);
  out.push_back({persian.empty() ? hit.date_jalali : persian, TextStyle::kDim, true});
  out.push_back({" · " + hit.date_gregorian, TextStyle::kDim});
  if (!hit.date_written.empty()) {
    out.push_back({" · written \"", TextStyle::kDim});
    out.push_back({hit.date_written, TextStyle::kDim, true});
    out.push_back({"\"", TextStyle::kDim});
  }
  if (hit.date_calendar != kavosh::Calendar::kUnknown) {
    out.push_back(
        {" · " + std::string(kavosh::to_string(hit.date_calendar)) + " calendar", TextStyle::kDim});
  }
  if (hit.date_origin != kavosh::DateOrigin::kUnknown) {
    out.push_back({" · date from the ", TextStyle::kDim});
    out.push_back({std::string(kavosh::to_string(hit.date_origin)), TextStyle::kDim, true});
  }
  return out;
}

std::string labelled(std::string_view label, const std::string& value, const Display& display) {
  return paragraph({{std::string(label), TextStyle::kDim}, {value, TextStyle::kDim, true}}, display,
                   0, label.size(), Direction::kLeftToRight);
}

}  // namespace

std::string render_article(const ArticleView& article, const Display& display) {
  const Hit& hit = article.hit;
  std::string out =
      paragraph(hit.title.empty() ? highlighted(hit.id, {}, TextStyle::kBold)
                                  : highlighted(hit.title, hit.title_highlights, TextStyle::kBold),
                display);
  out += paragraph(dates(hit, display), display, 0, 8, Direction::kLeftToRight);
  if (!hit.source.empty()) {
    out += labelled("source: ", hit.source, display);
  }
  if (!hit.url.empty()) {
    out += labelled("url:    ", hit.url, display);
  }
  if (!hit.category.empty()) {
    out += labelled("category: ", hit.category, display);
  }
  if (!hit.tags.empty()) {
    Line tags{{"tags:   ", TextStyle::kDim}};
    for (std::size_t i = 0; i < hit.tags.size(); ++i) {
      if (i > 0) {
        tags.push_back({", ", TextStyle::kDim});
      }
      tags.push_back({hit.tags[i], TextStyle::kDim, true});
    }
    out += paragraph(tags, display, 0, 8, Direction::kLeftToRight);
  }
  if (!hit.author.empty()) {
    out += labelled("author: ", hit.author, display);
  }
  out += labelled("place:  ", place(hit), display);
  if (!article.cluster.empty()) {
    out += paragraph({{fmt::format("near-duplicates: {}", hit.similar), TextStyle::kDim}}, display,
                     0, 0, Direction::kLeftToRight);
    for (const Hit& other : article.cluster) {
      out += paragraph({{other.title, TextStyle::kDim, true},
                        {" · ", TextStyle::kDim},
                        {place(other), TextStyle::kDim, true}},
                       display, 2, 4, Direction::kLeftToRight);
    }
  }
  out += '\n';
  const std::string_view body = article.body;
  for (std::size_t begin = 0; begin <= body.size();) {
    const std::size_t end = std::min(body.find('\n', begin), body.size());
    out += end == begin
               ? std::string("\n")
               : paragraph(body_segments(body, begin, end, article.body_highlights), display);
    begin = end + 1;
  }
  return display.explicit_mode ? "\033[8l" + out + "\033[8h" : out;
}

}  // namespace kavosh::cli
