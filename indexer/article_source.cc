#include "indexer/article_source.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "common/text_fold.h"
#include "common/text_match.h"

namespace kavosh {
namespace {

// Words at which an agency's name has ended: "خبرگزاری فارس از آبادان",
// "فارس به نقل از روزنامه ...", "خبرنگار فارس در قاهره", "خبرنگار ما بر این
// اساس". No agency's name holds one of them.
constexpr std::string_view kSourceEnders[] = {"از", "در", "به", "با", "بر", "پس", "طی", "برای"};
// A name never ends in a verb; a sentence before a colon does, as in
// "به گزارش ایرنا وی افزود: ...", where the outlet dropped the comma.
constexpr std::string_view kVerbs[] = {"گفت", "افزود", "داشت", "کرد", "داد", "شد", "است"};
// Trimmed from both ends of a name.
constexpr std::string_view kSourceTrim[] = {" ", "\u200C", "."};
// Stripped from both ends when they enclose the whole name: “ورزش سه”.
constexpr std::string_view kQuotePairs[][2] = {{"«", "»"}, {"“", "”"}, {"\"", "\""}, {"'", "'"}};

// How far the comma that closes the formula is looked for, and the largest
// name accepted: past these, the words are a sentence, not a name.
constexpr std::size_t kMaxSourceSpan = 240;
constexpr std::size_t kMaxSourceWords = 6;
constexpr std::size_t kMaxSourceBytes = 80;

bool is_source_end(std::string_view t, std::size_t pos) {
  for (std::string_view end : {"،", ",", "؛", ";", ":", "\n", "\r"}) {
    if (starts_with_at(t, pos, end)) {
      return true;
    }
  }
  return false;
}

// "خبرگزاری" ("news agency"), also written "خبر گزاری".
Pos match_agency(std::string_view t, std::size_t pos) {
  constexpr std::string_view kKhabar = "خبر";
  if (is_word_char_before(t, pos) || !starts_with_at(t, pos, kKhabar)) {
    return std::nullopt;
  }
  return match_word(t, skip_gap(t, pos + kKhabar.size()), "گزاری");
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

Span trim_source(std::string_view t, Span s) {
  for (bool trimmed = true; trimmed && s.begin < s.end;) {
    trimmed = false;
    for (std::string_view mark : kSourceTrim) {
      if (s.end - s.begin >= mark.size() && starts_with_at(t, s.begin, mark)) {
        s.begin += mark.size();
        trimmed = true;
      } else if (s.end - s.begin >= mark.size() && t.substr(0, s.end).ends_with(mark)) {
        s.end -= mark.size();
        trimmed = true;
      }
    }
    for (const auto& [open, close] : kQuotePairs) {
      if (s.end - s.begin >= open.size() + close.size() && starts_with_at(t, s.begin, open) &&
          t.substr(0, s.end).ends_with(close)) {
        s.begin += open.size();
        s.end -= close.size();
        trimmed = true;
      }
    }
  }
  return s;
}

// The agency in the folded text [begin, end) after "به گزارش"; `closed` if
// a comma or line end closed the formula there.
std::optional<Span> source_span(std::string_view t, Span s, bool closed) {
  std::vector<std::size_t> words;
  for (std::size_t p = s.begin; p < s.end; ++p) {
    if (t[p] != ' ' && (p == s.begin || t[p - 1] == ' ')) {
      words.push_back(p);
    }
  }
  for (std::size_t i = 1; i < words.size(); ++i) {
    const Pos ender = match_word(t, words[i], "و");
    // "ورزش سه و به نقل از" ends at "و"; "صدا و سیما" keeps it.
    if ((ender && match_word(t, skip_gap(t, *ender), "به")) ||
        std::any_of(std::begin(kSourceEnders), std::end(kSourceEnders),
                    [&](std::string_view w) { return match_word(t, words[i], w).has_value(); })) {
      s.end = words[i];
      words.resize(i);
      break;
    }
  }
  // The desk and the reporter are not the agency: "خبرنگار اقتصادی خبرگزاری
  // فارس", "گروه بین‌الملل خبرگزاری فارس".
  Pos agency;
  for (std::size_t i = 0; i < words.size() && i < kMaxSourceWords; ++i) {
    agency = match_agency(t, words[i]);
    if (agency) {
      s.begin = words[i];
      break;
    }
  }
  const auto is_name = [&](Span name) {
    const auto in_name = [&](std::size_t w) { return w >= name.begin && w < name.end; };
    const auto last = std::find_if(words.rbegin(), words.rend(), in_name);
    const bool verb = last != words.rend() &&
                      std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](std::string_view v) {
                        return match_word(t, *last, v) == Pos(name.end);
                      });
    return name.begin < name.end && name.end - name.begin <= kMaxSourceBytes && !verb &&
           std::count_if(words.begin(), words.end(), in_name) <=
               static_cast<std::ptrdiff_t>(kMaxSourceWords);
  };
  const Span trimmed = trim_source(t, s);
  if (closed && is_name(trimmed)) {
    return trimmed;
  }
  // Without a comma in sight, or when the words up to the comma are a
  // sentence, only "خبرگزاری X" is surely a name.
  if (!agency) {
    return std::nullopt;
  }
  const std::size_t name = skip_gap(t, *agency);
  const Span short_name = trim_source(t, {s.begin, std::min(s.end, t.find(' ', name))});
  if (!is_name(short_name)) {
    return std::nullopt;
  }
  return short_name;
}

}  // namespace

std::optional<std::string> find_source(std::string_view text) {
  constexpr std::string_view kBe = "به";
  constexpr std::string_view kGozaresh = "گزارش";
  // None of the letters of "گزارش" has a variant that folding would map; only
  // a tatweel inside the word, which the formula never has, could hide it.
  if (text.find(kGozaresh) == std::string_view::npos) {
    return std::nullopt;
  }
  const Folded folded = fold(text, /*keep_origin=*/true);
  const std::string_view t = folded.text;
  for (std::size_t p = t.find(kBe); p != std::string_view::npos; p = t.find(kBe, p + 1)) {
    // A space, no-break space or ZWNJ between the two words.
    const std::size_t gozaresh = skip_gap(t, p + kBe.size());
    if (is_word_char_before(t, p) || gozaresh == p + kBe.size() ||
        !starts_with_at(t, gozaresh, kGozaresh)) {
      continue;
    }
    // Not "به گزارش‌های" or "به گزارشگر".
    const std::size_t after = gozaresh + kGozaresh.size();
    const std::size_t begin = skip_gap(t, after);
    if (t.substr(after, begin - after).find(' ') == std::string_view::npos) {
      continue;
    }
    std::size_t end = begin;
    while (end < t.size() && end - begin < kMaxSourceSpan && !is_source_end(t, end)) {
      ++end;
    }
    const bool closed = end == t.size() || is_source_end(t, end);
    const std::optional<Span> span = source_span(t, Span{begin, end}, closed);
    if (!span) {
      continue;
    }
    const std::size_t from = folded.begin[span->begin];
    const std::size_t to = folded.end[span->end - 1];
    if (to - from > kMaxSourceBytes) {
      continue;
    }
    return std::string(text.substr(from, to - from));
  }
  return std::nullopt;
}

}  // namespace kavosh
