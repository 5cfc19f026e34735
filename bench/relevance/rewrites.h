// Automatic rewrites of a query into other spellings a Persian reader
// would take for the same words: the robustness part of the benchmark.
// Each is a pure function of UTF-8 text; invalid UTF-8 bytes become U+FFFD.
#ifndef KAVOSH_BENCH_RELEVANCE_REWRITES_H_
#define KAVOSH_BENCH_RELEVANCE_REWRITES_H_

#include <span>
#include <string>
#include <string_view>

namespace kavosh::bench {

// (a) Half-spaces (ZWNJ, U+200C) dropped: "می‌روم" -> "میروم".
std::string remove_zwnj(std::string_view query);

// (b) Half-spaces typed as spaces: "می‌روم" -> "می روم".
std::string zwnj_to_space(std::string_view query);

// (c) Persian yeh and kaf (U+06CC, U+06A9) swapped with the Arabic ones
// (U+064A, U+0643) both ways: a Persian query comes out in Arabic letters, an
// Arabic one (Hamshahri's) in Persian letters.
std::string swap_yeh_kaf(std::string_view query);

// (d) ASCII and Arabic-Indic digits written as Persian digits: "1404" -> "۱۴۰۴".
std::string persian_digits(std::string_view query);

// (e) Diacritics added: a fatha (U+064E) after every third letter of a word,
// and a tanwin (fathatan, U+064B) after a word-final alef, as in "قطعاً".
std::string add_diacritics(std::string_view query);

// (f) A space between a word and a common suffix (ها های هایی تر ترین) or
// after a prefix (می نمی), yeh in either form, becomes a half-space:
// "نهنگ ها" -> "نهنگ‌ها", "مي شود" -> "مي‌شود".
std::string affix_space_to_zwnj(std::string_view query);

// (g) The same spaces removed: "نهنگ ها" -> "نهنگها".
std::string join_affixes(std::string_view query);

struct Rewrite {
  std::string_view name;  // short column label
  std::string (*apply)(std::string_view query);
};

// (a) to (g), in that order.
std::span<const Rewrite> rewrites();

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_REWRITES_H_
