#include "common/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace kavosh {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    // U8_NEXT rejects overlongs, surrogates and values past U+10FFFF.
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      return static_cast<std::size_t>(start);
    }
  }
  return std::nullopt;
}

std::string to_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::string valid;
  valid.reserve(text.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      valid += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      valid.append(text.data() + start, static_cast<std::size_t>(i - start));
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
