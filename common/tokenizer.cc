#include "common/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "common/features.h"
#include "common/normalizer.h"
#include "common/utf8.h"

namespace kavosh {
namespace {

// A copy of the text in UTF-16 for ICU, with the byte offset in the original
// UTF-8 of every UTF-16 unit (and one past the end).
struct Utf16Text {
  std::u16string units;
  std::vector<std::size_t> byte_at;
};

void to_utf16(std::string_view utf8, Utf16Text& out) {
  out.units.clear();
  out.byte_at.clear();
  out.units.reserve(utf8.size());
  out.byte_at.reserve(utf8.size() + 1);
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    UChar32 c = next_code_point(utf8, i);
    if (c < 0) {
      c = 0xFFFD;
    }
    if (c <= 0xFFFF) {
      out.units.push_back(static_cast<char16_t>(c));
      out.byte_at.push_back(start);
    } else {
      out.units.push_back(static_cast<char16_t>(U16_LEAD(c)));
      out.units.push_back(static_cast<char16_t>(U16_TRAIL(c)));
      out.byte_at.push_back(start);
      out.byte_at.push_back(start);
    }
  }
  out.byte_at.push_back(utf8.size());
}

// normalize() through a per-thread cache: words repeat (a few thousand
// cover most of any news text), and ICU normalization is the costly part.
struct WordHash {
  using is_transparent = void;  // find() by string_view: no string made per look-up
  std::size_t operator()(std::string_view word) const {
    return std::hash<std::string_view>{}(word);
  }
};

const std::string& normalize_cached(std::string_view word) {
  constexpr std::size_t kMaxEntries = 200000;
  thread_local std::unordered_map<std::string, std::string, WordHash, std::equal_to<>> cache;
  thread_local Features cached_for;
  if (!(features() == cached_for)) {  // another ablation: another normalization
    cache.clear();
    cached_for = features();
  }
  if (auto it = cache.find(word); it != cache.end()) {
    return it->second;
  }
  if (cache.size() >= kMaxEntries) {
    cache.clear();
  }
  return cache.emplace(std::string(word), normalize(word)).first->second;
}

icu::BreakIterator& word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("fa"), status));
    if (U_FAILURE(status) || !b) {
      throw std::runtime_error("ICU: word break iterator unavailable");
    }
    return b;
  }();
  return *breaker;
}

enum class CharClass { kDigit, kLetter, kOther };

CharClass classify(UChar32 c) {
  if (u_isdigit(c)) {
    return CharClass::kDigit;
  }
  if (u_isalpha(c)) {
    return CharClass::kLetter;
  }
  return CharClass::kOther;  // marks, ZWNJ, separators inside numbers: attach
}

// The marks that stand for a half-space inside a word. ZWNJ is the right
// one; news sites also type the half-space as a left-to-right or
// right-to-left mark or a soft hyphen, all invisible between two letters
// ("حجت<LRM>الاسلام", "می<LRM>شود", "انسان<RLM>ها", "سال<SHY>های": FarsNews
// has 400 LRMs, 44 RLMs and 26 soft hyphens between letters, Varzesh3 58, 5
// and 8). Normalization drops all four, so without this the word reads as
// one ("حجتالاسلام") and "حجت" does not find it.
constexpr std::string_view kHalfSpaceMarks[] = {
    "\xE2\x80\x8C",  // ZWNJ U+200C
    "\xE2\x80\x8E",  // left-to-right mark U+200E
    "\xE2\x80\x8F",  // right-to-left mark U+200F
    "\xC2\xAD",      // soft hyphen U+00AD
};

// The first half-space mark in `word`: its offset and length, or npos.
std::pair<std::size_t, std::size_t> find_half_space(std::string_view word) {
  std::pair<std::size_t, std::size_t> first{std::string_view::npos, 0};
  for (const std::string_view mark : kHalfSpaceMarks) {
    const std::size_t at = word.find(mark);
    if (at < first.first) {
      first = {at, mark.size()};
    }
  }
  return first;
}

// The normalized parts of a word written with half-spaces; empty if it has
// fewer than two (a stray ZWNJ at a word end makes no compound).
std::vector<std::string> compound_parts(std::string_view word) {
  std::vector<std::string> parts;
  while (!word.empty()) {
    const auto [cut, length] = find_half_space(word);
    const std::string& part = normalize_cached(word.substr(0, cut));
    if (!part.empty()) {
      parts.push_back(part);
    }
    word = cut == std::string_view::npos ? "" : word.substr(cut + length);
  }
  if (parts.size() < 2) {
    parts.clear();
  }
  return parts;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  if (text.empty()) {
    return tokens;
  }
  thread_local Utf16Text u16;
  to_utf16(text, u16);
  // Read-only alias: no copy of the text.
  const icu::UnicodeString utext(false, u16.units.data(),
                                 static_cast<std::int32_t>(u16.units.size()));
  icu::BreakIterator& breaker = word_breaker();
  breaker.setText(utext);

  const bool zwnj_parts = features().zwnj;
  std::uint32_t position = 0;
  const auto emit = [&](std::int32_t from, std::int32_t to) {
    const std::size_t begin = u16.byte_at[static_cast<std::size_t>(from)];
    const std::size_t end = u16.byte_at[static_cast<std::size_t>(to)];
    const std::string_view word = text.substr(begin, end - begin);
    const std::string& term = normalize_cached(word);
    if (term.empty() || term == "\xEF\xBF\xBD") {  // only marks, or U+FFFD
      return;
    }
    Token token{term, begin, end, position, {}};
    if (zwnj_parts && find_half_space(word).first != std::string_view::npos) {
      token.parts = compound_parts(word);
    }
    position += token.width();
    tokens.push_back(std::move(token));
  };

  std::int32_t start = breaker.first();
  for (std::int32_t end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
      continue;
    }
    // Split where a run of letters meets a run of digits.
    std::int32_t piece = start;
    CharClass current = CharClass::kOther;
    for (std::int32_t i = start; i < end;) {
      const UChar32 c = utext.char32At(i);
      const CharClass cls = classify(c);
      if (cls != CharClass::kOther) {
        if (current != CharClass::kOther && cls != current) {
          emit(piece, i);
          piece = i;
        }
        current = cls;
      }
      i += U16_LENGTH(c);
    }
    emit(piece, end);
  }
  return tokens;
}

}  // namespace kavosh
