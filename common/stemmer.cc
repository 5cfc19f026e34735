#include "common/stemmer.h"

#include <unordered_map>
#include <unordered_set>

#include "common/utf8.h"

namespace kavosh {
namespace {

using Word = std::u32string;

bool is_persian_letter(char32_t c) { return c >= 0x0621 && c <= 0x06FF; }

bool ends_with(const Word& w, std::u32string_view suffix) {
  return w.size() >= suffix.size() &&
         std::u32string_view(w).substr(w.size() - suffix.size()) == suffix;
}

bool starts_with(const Word& w, std::u32string_view prefix) {
  return std::u32string_view(w).substr(0, prefix.size()) == prefix;
}

// Strips `suffix` if at least `min_stem` letters remain.
bool strip(Word& w, std::u32string_view suffix, std::size_t min_stem) {
  if (ends_with(w, suffix) && w.size() - suffix.size() >= min_stem) {
    w.resize(w.size() - suffix.size());
    return true;
  }
  return false;
}

bool ends_in_past_stem(const Word& w, std::size_t cut) {
  const char32_t last = w[w.size() - cut - 1];
  return last == U'د' || last == U'ت';
}

// Words that look inflected but are not; never stemmed.
const std::unordered_set<std::u32string_view>& kept_whole() {
  static const std::unordered_set<std::u32string_view> words = {
      U"مردم",      // people, not مرد + م
      U"ابادان",    // Abadan (after normalization)
      U"اصفهان",    // Isfahan
      U"خراسان",    // Khorasan
      U"مازندران",  // Mazandaran
      U"خیابان",    // street
      U"بیابان",    // desert
      U"دختر",     U"دفتر",   U"کبوتر",  U"انگشتر",  U"بستر",     U"فیلتر",   U"تیاتر",
      U"خاکستر",   U"اختر",   U"دکتر",   U"کیلومتر", U"سانتیمتر", U"میلیمتر", U"میدان",
      U"میلیون",   U"میزان",  U"میهمان", U"میهن",    U"میراث",    U"میوه",    U"میان",
      U"میزبان",   U"فلسطین", U"دوربین", U"ماشین",
  };
  return words;
}

// One round of suffix removal; returns true if something came off.
bool strip_suffix(Word& w) {
  // Plurals with clitics, then plurals.
  for (const std::u32string_view s :
       {U"هایشان", U"هایمان", U"هایتان", U"هایم", U"هایت", U"هایش", U"هایی", U"های", U"ها"}) {
    if (strip(w, s, 3)) {
      return true;
    }
  }
  if (strip(w, U"ترین", 3) || strip(w, U"تر", 3)) {
    return true;
  }
  // نمایندگان -> نماینده, رزمندگان -> رزمنده
  if (ends_with(w, U"گان") && w.size() - 3 >= 4) {
    w.resize(w.size() - 3);
    w.push_back(U'ه');
    return true;
  }
  // Place names and nouns in ستان are not plurals (کردستان, داستان).
  if (!ends_with(w, U"ستان") && strip(w, U"ان", 4)) {
    // دانشجویان -> دانشجو, آقایان -> آقا: drop the glide yeh.
    if (w.size() >= 4 && w.back() == U'ی' && (w[w.size() - 2] == U'و' || w[w.size() - 2] == U'ا')) {
      w.pop_back();
    }
    return true;
  }
  // Arabic plural ات, but not ادبیات-like nisba forms.
  if (!ends_with(w, U"یات") && strip(w, U"ات", 4)) {
    return true;
  }
  if (strip(w, U"ین", 4)) {
    return true;
  }
  // Person endings on past stems: کردند, گفتیم, رفتم.
  for (const auto& [ending, min_stem] : {std::pair{std::u32string_view(U"ند"), std::size_t{2}},
                                         std::pair{std::u32string_view(U"یم"), std::size_t{3}},
                                         std::pair{std::u32string_view(U"ید"), std::size_t{3}},
                                         std::pair{std::u32string_view(U"م"), std::size_t{3}}}) {
    if (ends_with(w, ending) && w.size() - ending.size() >= min_stem &&
        ends_in_past_stem(w, ending.size())) {
      w.resize(w.size() - ending.size());
      return true;
    }
  }
  // Ezafe and indefinite: خانه‌ای, خانه‌ی, then a plain ی on long words.
  if (w.size() >= 4 && (ends_with(w, U"های") == false)) {
    if (w.size() >= 5 && ends_with(w, U"ای") && w[w.size() - 3] == U'ه') {
      w.resize(w.size() - 2);
      return true;
    }
    if (ends_with(w, U"ی") && w[w.size() - 2] == U'ه') {
      w.pop_back();
      return true;
    }
  }
  return strip(w, U"ی", 4);
}

// The continuous prefix with a person ending: میروند -> رو, نمیشود -> شو.
bool strip_verb(Word& w) {
  std::size_t prefix = 0;
  if (starts_with(w, U"نمی")) {
    prefix = 3;
  } else if (starts_with(w, U"می")) {
    prefix = 2;
  } else {
    return false;
  }
  for (const std::u32string_view ending : {U"ند", U"یم", U"ید", U"م", U"ی", U"د"}) {
    if (ends_with(w, ending) && w.size() >= prefix + ending.size() + 2) {
      w = w.substr(prefix, w.size() - prefix - ending.size());
      // A glide yeh after a vowel belongs to the ending: می‌گویند and
      // می‌گوید both give گو.
      if (w.size() >= 2 && w.back() == U'ی' &&
          (w[w.size() - 2] == U'و' || w[w.size() - 2] == U'ا')) {
        w.pop_back();
      }
      return true;
    }
  }
  return false;
}

}  // namespace

std::string stem(std::string_view word) {
  Word w = decode_utf8(word);
  if (w.size() < 4) {
    return std::string(word);
  }
  for (const char32_t c : w) {
    if (!is_persian_letter(c)) {
      return std::string(word);
    }
  }
  if (kept_whole().count(w)) {
    return std::string(word);
  }
  if (strip_verb(w)) {
    return encode_utf8(w);
  }
  // Up to three rounds: کتابهایی -> کتاب, نمایندگانشان -> ...
  for (int round = 0; round < 3 && strip_suffix(w); ++round) {
    if (kept_whole().count(w)) {
      break;
    }
  }
  return encode_utf8(w);
}

namespace {

struct HalfSpaceSuffix {
  std::string_view text;
  // Split off a word typed without its half-space by the query. The query
  // had its own list without these five when the two were made one; for
  // هایم، هایت، هایش and گان it makes no difference (the query splits off
  // any part of 6 bytes or more), for یی it would ("...|یی" from words in ی;
  // not measured).
  bool splits_off = true;
};

constexpr HalfSpaceSuffix kHalfSpaceSuffixes[] = {
    {"ها"},     {"های"},    {"هایی"},   {"هایم", false}, {"هایت", false}, {"هایش", false},
    {"هایمان"}, {"هایتان"}, {"هایشان"}, {"ای"},          {"ی"},           {"ام"},
    {"ات"},     {"اش"},     {"ایم"},    {"اید"},         {"اند"},         {"مان"},
    {"تان"},    {"شان"},    {"تر"},     {"ترین"},        {"یی", false},   {"گان", false},
};

const HalfSpaceSuffix* find_suffix(std::string_view part) {
  for (const HalfSpaceSuffix& suffix : kHalfSpaceSuffixes) {
    if (suffix.text == part) {
      return &suffix;
    }
  }
  return nullptr;
}

}  // namespace

bool is_half_space_suffix(std::string_view part) { return find_suffix(part) != nullptr; }

bool splits_off_as_suffix(std::string_view part) {
  const HalfSpaceSuffix* suffix = find_suffix(part);
  return suffix != nullptr && suffix->splits_off;
}

const std::string& stem_cached(const std::string& word) {
  constexpr std::size_t kMaxEntries = 200000;
  thread_local std::unordered_map<std::string, std::string> cache;
  if (auto it = cache.find(word); it != cache.end()) {
    return it->second;
  }
  if (cache.size() >= kMaxEntries) {
    cache.clear();
  }
  return cache.emplace(word, stem(word)).first->second;
}

const std::string& stem_token(const Token& token) {
  if (!token.parts.empty()) {
    thread_local std::string compound;
    compound = stem_parts(token.parts);
    return compound;
  }
  return stem_cached(token.term);
}

std::string stem_parts(const std::vector<std::string>& parts) {
  std::size_t first = 0;
  std::size_t last = parts.size();
  while (last > first + 1 && is_half_space_suffix(parts[last - 1])) {
    --last;
  }
  bool verb = false;
  if (last - first >= 2 && (parts[first] == "می" || parts[first] == "نمی")) {
    ++first;
    verb = true;
  }
  std::string rest;
  for (std::size_t i = first; i < last; ++i) {
    rest += parts[i];
  }
  if (verb) {
    // The person ending is still on the stem: می‌روند -> روند -> رو.
    return stem("می" + rest);
  }
  return stem(rest);
}

}  // namespace kavosh
