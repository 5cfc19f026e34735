#include "common/terminal_text.h"

#include <fmt/format.h>

namespace kavosh {
namespace {

// Decodes one well-formed UTF-8 sequence at `text[i]`; returns its length,
// or 0 if the bytes there are ill-formed (overlong, surrogate, truncated).
std::size_t decode(std::string_view text, std::size_t i, char32_t& c) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    c = b0;
    return 1;
  }
  std::size_t length = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    c = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    c = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    c = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) {
      return 0;
    }
    c = (c << 6) | (byte(k) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    return 0;
  }
  return length;
}

}  // namespace

bool is_terminal_control(char32_t c) {
  return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string terminal_safe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (max_bytes != 0 && out.size() >= max_bytes) {
      out += "…";
      break;
    }
    char32_t c = 0;
    const std::size_t length = decode(text, i, c);
    if (length == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (is_terminal_control(c)) {
      out += c < 0x80 ? fmt::format("\\x{:02X}", static_cast<unsigned>(c))
                      : fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace kavosh
