// UTF-8 walking and validation, the one place that reads code points out of
// bytes: every other module calls these (ICU's macros stay behind them).
#ifndef KAVOSH_COMMON_UTF8_H_
#define KAVOSH_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kavosh {

// The code point that starts at byte `i` of `text`, moving `i` past it; for
// an ill-formed sequence (as ICU's U8_NEXT delimits it), a negative value,
// with `i` moved past the sequence. `i` < text.size().
std::int32_t next_code_point(std::string_view text, std::size_t& i);

// The code point that ends at byte `i` of `text`, moving `i` back to its
// first byte; negative for an ill-formed sequence. `i` > 0.
std::int32_t previous_code_point(std::string_view text, std::size_t& i);

// The code points of `text`, each ill-formed sequence as U+FFFD.
std::u32string decode_utf8(std::string_view text);

// Appends `c`, a Unicode scalar value, to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

// `text` as UTF-8.
std::string encode_utf8(std::u32string_view text);

// Returns the byte offset of the first ill-formed sequence in `text`
// (truncated, overlong, surrogate or out of range), or nullopt if it is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// `text` with each ill-formed sequence replaced by U+FFFD, as ICU's U8_NEXT
// delimits them; valid text comes back unchanged.
std::string to_valid_utf8(std::string_view text);

// The offset of the first NUL byte of a text that a stray NUL made look
// binary: without its NULs it is valid UTF-8 (a sequence cut by the end of
// `text` allowed) with no C0 controls but tab, line ends and form feed, and
// NULs are under 1% of it. nullopt if `text` has no NUL or is binary.
std::optional<std::size_t> find_stray_nul(std::string_view text);

// True if `text` looks like binary data rather than text: it holds a NUL byte
// or many C0 control characters other than tab, newline, carriage return.
bool looks_binary(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_UTF8_H_
