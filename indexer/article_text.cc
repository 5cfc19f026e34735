#include "indexer/article_text.h"

#include <algorithm>

namespace kavosh {

std::size_t blank_prefix(std::string_view s) {
  if (s.empty()) {
    return 0;
  }
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  switch (b(0)) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
      return 1;
    case 0xC2:  // U+00A0 no-break space
      return s.size() >= 2 && b(1) == 0xA0 ? 2 : 0;
    case 0xD8:  // U+061C Arabic letter mark
      return s.size() >= 2 && b(1) == 0x9C ? 2 : 0;
    case 0xE2:
      if (s.size() < 3) {
        return 0;
      }
      if (b(1) == 0x80) {
        // U+2000..U+200F spaces, ZWSP, ZWNJ, ZWJ, LRM, RLM;
        // U+2028..U+202F separators, bidi embeddings, narrow NBSP.
        return (b(2) >= 0x80 && b(2) <= 0x8F) || (b(2) >= 0xA8 && b(2) <= 0xAF) ? 3 : 0;
      }
      if (b(1) == 0x81) {
        // U+205F math space, U+2060 word joiner, U+2066..U+2069 isolates.
        return b(2) == 0x9F || b(2) == 0xA0 || (b(2) >= 0xA6 && b(2) <= 0xA9) ? 3 : 0;
      }
      return 0;
    case 0xE3:  // U+3000 ideographic space
      return s.size() >= 3 && b(1) == 0x80 && b(2) == 0x80 ? 3 : 0;
    case 0xEF:  // U+FEFF zero-width no-break space (BOM)
      return s.size() >= 3 && b(1) == 0xBB && b(2) == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

std::size_t blank_suffix(std::string_view s) {
  for (std::size_t n = 1; n <= 3 && n <= s.size(); ++n) {
    // Only a lead byte can start a character; continuation bytes are 10xxxxxx.
    const auto lead = static_cast<unsigned char>(s[s.size() - n]);
    if ((lead & 0xC0) != 0x80) {
      return blank_prefix(s.substr(s.size() - n)) == n ? n : 0;
    }
  }
  return 0;
}

std::string_view trim(std::string_view s) {
  while (const std::size_t n = blank_prefix(s)) {
    s.remove_prefix(n);
  }
  while (const std::size_t n = blank_suffix(s)) {
    s.remove_suffix(n);
  }
  return s;
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

void split_text(std::string&& text, Article& article) {
  std::size_t pos = 0;
  std::size_t body_begin = text.size();
  while (pos < text.size()) {
    const std::size_t newline = std::min(text.find('\n', pos), text.size());
    const std::string_view line(text.data() + pos, newline - pos);
    pos = newline + 1;
    if (article.title.empty()) {
      article.title = trim(line);
    } else if (!is_blank(line)) {
      body_begin = line.data() - text.data();
      break;
    }
  }
  std::string_view body(text);
  body.remove_prefix(std::min(body_begin, text.size()));
  while (const std::size_t n = blank_suffix(body)) {
    body.remove_suffix(n);
  }
  if (body.empty()) {
    article.body = article.title;
    return;
  }
  text.resize(body_begin + body.size());
  text.erase(0, body_begin);
  article.body = std::move(text);
}

}  // namespace kavosh
