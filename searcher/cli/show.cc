#include "searcher/cli/show.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/terminal_text.h"

namespace kavosh::cli {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kMatch = "\033[1;31m";
constexpr std::string_view kReset = "\033[0m";

// Columns a piece of text takes: one per character but the zero-width
// ones Persian uses (ZWNJ, ZWJ, marks, and the Arabic vowel signs).
std::size_t columns(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) {
      continue;  // inside a character
    }
    const std::string_view rest = text.substr(i);
    // U+200C-U+200F: E2 80 8C-8F; U+064B-U+065F: D9 8B-9F; U+0670: D9 B0.
    const auto next = [&](std::size_t k) {
      return k < rest.size() ? static_cast<unsigned char>(rest[k]) : 0;
    };
    const bool zero = (c == 0xE2 && next(1) == 0x80 && next(2) >= 0x8C && next(2) <= 0x8F) ||
                      (c == 0xD9 && ((next(1) >= 0x8B && next(1) <= 0x9F) || next(1) == 0xB0));
    width += zero ? 0 : 1;
  }
  return width;
}

struct Span {
  std::size_t begin;
  std::size_t end;
};

// The lines of `text` wrapped at spaces to `width` columns; a newline
// always breaks, an empty line stays.
std::vector<Span> wrap(std::string_view text, std::size_t width) {
  std::vector<Span> lines;
  std::size_t para = 0;
  while (para <= text.size()) {
    const std::size_t para_end = std::min(text.find('\n', para), text.size());
    std::size_t line = para;
    std::size_t used = 0;
    std::size_t at = para;
    while (at < para_end) {
      std::size_t word_end = std::min(text.find(' ', at), para_end);
      const std::size_t w = columns(text.substr(at, word_end - at));
      if (used > 0 && used + 1 + w > width) {
        lines.push_back({line, at - 1});
        line = at;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + w;
      at = word_end + 1;
    }
    lines.push_back({line, para_end});
    para = para_end + 1;
  }
  return lines;
}

// The bytes [begin, end) of `text`, safe for a terminal, with `ranges`
// wrapped in the colour codes.
std::string marked(std::string_view text, Span span, const std::vector<Range>& ranges, bool color) {
  std::string out;
  std::size_t at = span.begin;
  for (const Range& r : ranges) {
    if (!color || r.end <= at || r.begin >= span.end || r.begin >= r.end) {
      continue;
    }
    const std::size_t b = std::max(r.begin, at);
    const std::size_t e = std::min(r.end, span.end);
    out += terminal_safe(text.substr(at, b - at), 0);
    out += fmt::format("{}{}{}", kMatch, terminal_safe(text.substr(b, e - b), 0), kReset);
    at = e;
  }
  return out + terminal_safe(text.substr(at, span.end - at), 0);
}

std::string place(const Hit& hit) {
  std::string out = hit.line > 0 ? fmt::format("{}:{}", hit.path, hit.line) : hit.path;
  if (hit.id != hit.path && hit.id != out) {
    out += fmt::format(" [{}]", hit.id);
  }
  return terminal_safe(out);
}

std::string dates(const Hit& hit) {
  if (hit.date_jalali.empty()) {
    return "undated";
  }
  std::string out = fmt::format("{} ({})", hit.date_jalali, hit.date_gregorian);
  if (!hit.date_written.empty()) {
    out += fmt::format(" · written \"{}\"", terminal_safe(hit.date_written));
  }
  if (!hit.date_calendar.empty()) {
    out += fmt::format(" · {} calendar", hit.date_calendar);
  }
  if (!hit.date_origin.empty()) {
    out += fmt::format(" · date from the {}", terminal_safe(hit.date_origin));
  }
  return out;
}

nlohmann::json hit_json(const Hit& hit) {
  return {{"id", hit.id},
          {"path", hit.path},
          {"line", hit.line},
          {"title", hit.title},
          {"source", hit.source},
          {"url", hit.url},
          {"date_gregorian", hit.date_gregorian},
          {"date_jalali", hit.date_jalali},
          {"date_written", hit.date_written},
          {"date_calendar", hit.date_calendar},
          {"date_origin", hit.date_origin}};
}

nlohmann::json ranges_json(const std::vector<Range>& ranges) {
  nlohmann::json a = nlohmann::json::array();
  for (const Range& r : ranges) {
    a.push_back({r.begin, r.end});
  }
  return a;
}

}  // namespace

std::string render_article(const ArticleView& article, std::size_t width, bool color) {
  const Hit& hit = article.hit;
  const std::string_view dim = color ? kDim : "";
  const std::string_view reset = color ? kReset : "";
  std::string out;
  const std::string title =
      hit.title.empty() ? terminal_safe(hit.id)
                        : marked(hit.title, {0, hit.title.size()}, hit.title_highlights, color);
  out += fmt::format("{}{}{}\n", color ? kBold : "", title, reset);
  out += fmt::format("{}date:   {}{}\n", dim, dates(hit), reset);
  if (!hit.source.empty()) {
    out += fmt::format("{}source: {}{}\n", dim, terminal_safe(hit.source), reset);
  }
  if (!hit.url.empty()) {
    out += fmt::format("{}url:    {}{}\n", dim, terminal_safe(hit.url), reset);
  }
  out += fmt::format("{}place:  {}{}\n", dim, place(hit), reset);
  if (!article.cluster.empty()) {
    out += fmt::format("{}near-duplicates: {}{}\n", dim, hit.similar, reset);
    for (const Hit& other : article.cluster) {
      out += fmt::format("{}  {} · {}{}\n", dim, terminal_safe(other.title), place(other), reset);
    }
  }
  out += '\n';
  for (const Span& line : wrap(article.body, width)) {
    out += marked(article.body, line, article.body_highlights, color) + '\n';
  }
  return out;
}

std::string render_article_json(const ArticleView& article) {
  nlohmann::json doc = hit_json(article.hit);
  doc["title_highlights"] = ranges_json(article.hit.title_highlights);
  doc["body"] = article.body;
  doc["body_highlights"] = ranges_json(article.body_highlights);
  doc["similar"] = article.hit.similar;
  nlohmann::json cluster = nlohmann::json::array();
  for (const Hit& other : article.cluster) {
    cluster.push_back(hit_json(other));
  }
  doc["cluster"] = std::move(cluster);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace kavosh::cli
