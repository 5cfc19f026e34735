#include "common/utf8.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace kavosh {

// ICU's macros take 32-bit offsets; a code point is at most 4 bytes, so each
// reads a window of 4 bytes, which works for texts of any size.
std::int32_t next_code_point(std::string_view text, std::size_t& i) {
  constexpr std::size_t kMaxLength = 4;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + i);
  const auto length = static_cast<std::int32_t>(std::min(text.size() - i, kMaxLength));
  std::int32_t at = 0;
  UChar32 c = 0;
  U8_NEXT(s, at, length, c);
  i += static_cast<std::size_t>(at);
  return c;
}

std::int32_t previous_code_point(std::string_view text, std::size_t& i) {
  constexpr std::size_t kMaxLength = 4;
  const std::size_t start = i - std::min(i, kMaxLength);
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + start);
  auto at = static_cast<std::int32_t>(i - start);
  UChar32 c = 0;
  U8_PREV(s, 0, at, c);
  i = start + static_cast<std::size_t>(at);
  return c;
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::int32_t c = next_code_point(text, i);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  std::array<std::uint8_t, U8_MAX_LENGTH> buffer{};
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(buffer.data(), length, static_cast<UChar32>(c));
  out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(length));
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) {
    append_utf8(out, c);
  }
  return out;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    // As U8_NEXT: overlongs, surrogates and values past U+10FFFF are
    // ill-formed.
    if (next_code_point(text, i) < 0) {
      return start;
    }
  }
  return std::nullopt;
}

std::string to_valid_utf8(std::string_view text) {
  std::string valid;
  valid.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (next_code_point(text, i) < 0) {
      valid += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      valid.append(text, start, i - start);
    }
  }
  return valid;
}

std::optional<std::size_t> find_stray_nul(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::optional<std::size_t> first;
  std::size_t nuls = 0;
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c == 0) {
      ++nuls;
      first = first.value_or(static_cast<std::size_t>(start));
    } else if (c < 0) {
      if (i < length || length - start >= 4) {
        return std::nullopt;
      }
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      return std::nullopt;
    }
  }
  if (nuls * 100 >= text.size()) {
    return std::nullopt;
  }
  return first;
}

bool looks_binary(std::string_view text) {
  std::size_t controls = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) {
      return true;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      ++controls;
    }
  }
  // A few stray control characters occur in real scraped news; binary data
  // has them everywhere.
  return controls > 8 && controls * 100 > text.size();
}

}  // namespace kavosh
