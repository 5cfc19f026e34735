#include "bench/relevance/rewrites.h"

#include <algorithm>
#include <array>
#include <vector>

namespace kavosh::bench {
namespace {

constexpr char32_t kZwnj = U'\u200C';
constexpr char32_t kFatha = U'\u064E';
constexpr char32_t kFathatan = U'\u064B';
constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kReplacement = U'\uFFFD';

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80           ? 1
                            : (b >> 5) == 0x6  ? 2
                            : (b >> 4) == 0xE  ? 3
                            : (b >> 3) == 0x1E ? 4
                                               : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    bool valid = true;
    for (std::size_t j = 1; j < len; ++j) {
      const auto cont = static_cast<unsigned char>(s[i + j]);
      valid = valid && (cont & 0xC0) == 0x80;
      c = (c << 6) | (cont & 0x3F);
    }
    out.push_back(valid ? c : kReplacement);
    i += valid ? len : 1;
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (const char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Letters of the Arabic script as Persian uses them (not digits, marks or
// punctuation, which share the block).
bool is_arabic_letter(char32_t c) {
  return (c >= U'\u0621' && c <= U'\u063A') || (c >= U'\u0641' && c <= U'\u064A') ||
         (c >= U'\u066E' && c <= U'\u066F') || (c >= U'\u0671' && c <= U'\u06D3') ||
         c == U'\u06D5' || (c >= U'\u06FA' && c <= U'\u06FC') || c == U'\u06FF';
}

// Persian yeh, so that an affix matches in either spelling.
std::u32string with_persian_yeh(std::u32string s) {
  std::replace(s.begin(), s.end(), U'\u064A', U'\u06CC');
  return s;
}

bool is_suffix(const std::u32string& word) {
  static const std::array<std::u32string, 5> kSuffixes = {U"ها", U"های", U"هایی", U"تر", U"ترین"};
  const std::u32string w = with_persian_yeh(word);
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

bool is_prefix(const std::u32string& word) {
  const std::u32string w = with_persian_yeh(word);
  return w == U"می" || w == U"نمی";
}

// Rewrites each single space (U+0020 or NBSP) standing between a word and a
// suffix, or a prefix and a word, as `joiner` (empty: joined).
std::string rewrite_affix_spaces(std::string_view query, std::u32string_view joiner) {
  const std::u32string text = decode(query);
  const auto is_space = [](char32_t c) { return c == U' ' || c == U'\u00A0'; };
  // Split into words and the single separators between them.
  std::vector<std::u32string> words;
  std::vector<std::u32string> separators;
  std::u32string word;
  std::u32string separator;
  for (const char32_t c : text) {
    if (is_space(c)) {
      separator += c;
      continue;
    }
    if (!separator.empty()) {
      words.push_back(std::move(word));
      separators.push_back(std::move(separator));
      word.clear();
      separator.clear();
    }
    word += c;
  }
  words.push_back(std::move(word));
  separators.push_back(std::move(separator));  // trailing spaces, if any

  std::u32string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += words[i];
    const bool between_words = i + 1 < words.size() && !words[i].empty();
    const bool affix = between_words && separators[i].size() == 1 &&
                       (is_suffix(words[i + 1]) || is_prefix(words[i]));
    out += affix ? std::u32string(joiner) : separators[i];
  }
  return encode(out);
}

}  // namespace

std::string remove_zwnj(std::string_view query) {
  std::u32string text = decode(query);
  std::erase(text, kZwnj);
  return encode(text);
}

std::string zwnj_to_space(std::string_view query) {
  std::u32string text = decode(query);
  std::replace(text.begin(), text.end(), kZwnj, U' ');
  return encode(text);
}

std::string swap_yeh_kaf(std::string_view query) {
  std::u32string text = decode(query);
  for (char32_t& c : text) {
    switch (c) {
      case U'\u06CC':  // Persian yeh
        c = U'\u064A';
        break;
      case U'\u064A':  // Arabic yeh
        c = U'\u06CC';
        break;
      case U'\u06A9':  // Persian kaf (keheh)
        c = U'\u0643';
        break;
      case U'\u0643':  // Arabic kaf
        c = U'\u06A9';
        break;
      default:
        break;
    }
  }
  return encode(text);
}

std::string persian_digits(std::string_view query) {
  std::u32string text = decode(query);
  for (char32_t& c : text) {
    if (c >= U'0' && c <= U'9') {
      c = U'\u06F0' + (c - U'0');
    } else if (c >= U'\u0660' && c <= U'\u0669') {  // Arabic-Indic
      c = U'\u06F0' + (c - U'\u0660');
    }
  }
  return encode(text);
}

std::string add_diacritics(std::string_view query) {
  const std::u32string text = decode(query);
  std::u32string out;
  std::size_t letters = 0;  // letters so far in the current word
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    out += c;
    if (!is_arabic_letter(c)) {
      letters = 0;
      continue;
    }
    ++letters;
    const bool word_ends = i + 1 == text.size() || !is_arabic_letter(text[i + 1]);
    if (word_ends && c == kAlef && letters > 1) {
      out += kFathatan;
    } else if (letters % 3 == 0) {
      out += kFatha;
    }
  }
  return encode(out);
}

std::string affix_space_to_zwnj(std::string_view query) {
  return rewrite_affix_spaces(query, std::u32string(1, kZwnj));
}

std::string join_affixes(std::string_view query) { return rewrite_affix_spaces(query, U""); }

std::span<const Rewrite> rewrites() {
  static constexpr std::array<Rewrite, 7> kRewrites = {{
      {"no ZWNJ", remove_zwnj},
      {"ZWNJ→space", zwnj_to_space},
      {"yeh/kaf swapped", swap_yeh_kaf},
      {"Persian digits", persian_digits},
      {"diacritics", add_diacritics},
      {"affix space→ZWNJ", affix_space_to_zwnj},
      {"affix joined", join_affixes},
  }};
  return kRewrites;
}

}  // namespace kavosh::bench
