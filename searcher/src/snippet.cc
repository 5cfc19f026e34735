#include "searcher/src/snippet.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/stemmer.h"
#include "common/tokenizer.h"

namespace kavosh {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

}  // namespace

bool Matcher::matches(const Token& token) const {
  if (terms.count(token.term)) {
    return true;
  }
  for (const std::string& part : token.parts) {
    if (terms.count(part)) {
      return true;
    }
  }
  if (stems.empty()) {
    return false;
  }
  return stems.count(stem_token(token)) > 0;
}

std::string mark(std::string_view text, const std::vector<Range>& ranges, std::string_view open,
                 std::string_view close) {
  std::string out;
  std::size_t at = 0;
  for (const Range& r : ranges) {
    if (r.begin < at || r.end > text.size() || r.begin >= r.end) {
      continue;
    }
    out.append(text.substr(at, r.begin - at));
    out.append(open);
    out.append(text.substr(r.begin, r.end - r.begin));
    out.append(close);
    at = r.end;
  }
  out.append(text.substr(at));
  return out;
}

std::vector<Range> highlight(std::string_view text, const Matcher& matcher) {
  std::vector<Range> ranges;
  for (const Token& token : tokenize(text)) {
    if (matcher.matches(token)) {
      ranges.push_back(Range{token.begin, token.end});
    }
  }
  return ranges;
}

namespace {

// The token that begins the best window: a window starts at a match, spans
// at most two thirds of max_bytes, and holds the most distinct terms, then
// the most matches; earlier wins ties. `matches` index into `tokens`.
std::size_t best_window(const std::vector<Token>& tokens, const std::vector<std::size_t>& matches,
                        std::size_t max_bytes) {
  std::size_t best_first = 0;
  std::size_t best_distinct = 0;
  std::size_t best_count = 0;
  for (std::size_t m = 0; m < matches.size(); ++m) {
    std::unordered_set<std::string_view> distinct;
    std::size_t count = 0;
    const std::size_t limit = tokens[matches[m]].begin + max_bytes * 2 / 3;
    for (std::size_t n = m; n < matches.size() && tokens[matches[n]].end <= limit; ++n) {
      distinct.insert(tokens[matches[n]].term);
      ++count;
    }
    if (distinct.size() > best_distinct ||
        (distinct.size() == best_distinct && count > best_count)) {
      best_first = matches[m];
      best_distinct = distinct.size();
      best_count = count;
    }
  }
  return best_first;
}

// The bytes [begin, end) of `text` the snippet shows: from a little before
// token `first_match` (if any match), on a word boundary, to at most
// max_bytes later, ending on a word boundary or, inside one huge word, on a
// character boundary.
std::pair<std::size_t, std::size_t> passage_bounds(std::string_view text,
                                                   const std::vector<Token>& tokens,
                                                   std::optional<std::size_t> first_match,
                                                   std::size_t max_bytes) {
  std::size_t begin = 0;
  if (first_match) {
    const std::size_t anchor = tokens[*first_match].begin;
    std::size_t first = *first_match;
    while (first > 0 && anchor - tokens[first - 1].begin <= max_bytes / 4) {
      --first;
    }
    begin = first == 0 ? 0 : tokens[first].begin;
  }
  std::size_t end = text.size();
  if (end - begin > max_bytes) {
    end = begin;
    for (const Token& token : tokens) {
      if (token.begin >= begin && token.end <= begin + max_bytes) {
        end = token.end;
      }
    }
    if (end == begin) {  // one huge word: cut on a character boundary
      end = begin + max_bytes;
      while (end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
      }
    }
  }
  return {begin, end};
}

}  // namespace

Snippet make_snippet(std::string_view text, const Matcher& matcher, std::size_t max_bytes) {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<std::size_t> matches;  // indexes into tokens
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (matcher.matches(tokens[i])) {
      matches.push_back(i);
    }
  }
  const std::optional<std::size_t> first_match =
      matches.empty() ? std::nullopt
                      : std::optional<std::size_t>(best_window(tokens, matches, max_bytes));
  const auto [begin, end] = passage_bounds(text, tokens, first_match, max_bytes);

  Snippet out;
  const std::size_t shift = begin > 0 ? kEllipsis.size() : 0;
  if (begin > 0) {
    out.text += kEllipsis;
  }
  for (const char c : text.substr(begin, end - begin)) {
    out.text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (end < text.size()) {
    out.text += kEllipsis;
  }
  for (const std::size_t m : matches) {
    if (tokens[m].begin >= begin && tokens[m].end <= end) {
      out.highlights.push_back(
          Range{tokens[m].begin - begin + shift, tokens[m].end - begin + shift});
    }
  }
  return out;
}

}  // namespace kavosh
