// Text folded for the date and source matchers: digits in ASCII, Arabic
// letters in their Persian forms, spaces plain and invisible marks dropped,
// with the way back to the input's own bytes.
#ifndef KAVOSH_COMMON_TEXT_FOLD_H_
#define KAVOSH_COMMON_TEXT_FOLD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh {

// `text` with digits in ASCII, Arabic yeh and kaf in their Persian forms,
// spaces plain and invisible marks dropped; ZWNJ and line breaks are kept.
// With `keep_origin`, folded byte i came from input bytes
// [begin[i], end[i]).
struct Folded {
  std::string text;
  std::vector<std::size_t> begin;
  std::vector<std::size_t> end;
};

// `input` folded; ill-formed sequences become a byte that valid UTF-8 never
// holds. Inputs past 2 GiB are cut there.
Folded fold(std::string_view input, bool keep_origin);

// The bytes of `input` that fold to the folded bytes [begin, end), end > begin.
std::string_view unfold(std::string_view input, std::size_t begin, std::size_t end);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_TEXT_FOLD_H_
