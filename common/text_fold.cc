#include "common/text_fold.h"

#include <unicode/umachine.h>

#include <cstdint>
#include <limits>
#include <string>

#include "common/normalizer.h"
#include "common/utf8.h"

namespace kavosh {
namespace {

constexpr UChar32 kDrop = -2;
// Stands for an ill-formed byte sequence: never part of valid UTF-8.
constexpr char kOpaque = '\xFF';

UChar32 fold_char(UChar32 c) {
  if (const auto letter = static_cast<UChar32>(fold_letter(static_cast<char32_t>(c)));
      letter != c) {
    return letter;
  }
  switch (c) {
    case '\t':
    case 0x00A0:  // no-break space, the half-space of older archives
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return ' ';
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x0640:  // tatweel
    case 0x200D:  // zero width joiner
    case 0x200E:  // left-to-right mark
    case 0x200F:  // right-to-left mark
    case 0xFEFF:  // byte order mark
      return kDrop;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) {
    return ' ';
  }
  if (c >= 0x064B && c <= 0x0652) {  // harakat, optional in Persian: "المکرّم"
    return kDrop;
  }
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {  // bidi controls
    return kDrop;
  }
  return c;
}

// Calls emit(folded, begin, end) for each character of `input`, which
// takes its bytes [begin, end) and folds to `folded` (maybe empty), until
// emit returns false.
template <typename Emit>
void fold_each(std::string_view input, Emit&& emit) {
  if (input.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    input = input.substr(0, static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()));
  }
  std::string buffer;
  std::size_t i = 0;
  while (i < input.size()) {
    const std::size_t start = i;
    UChar32 c = next_code_point(input, i);
    buffer.clear();
    if (c < 0) {
      buffer.push_back(kOpaque);
    } else {
      c = fold_char(c);
      if (c == 0x0627 && i < input.size()) {
        // Alef followed by a combining madda is alef madda ("آذر", "آبان").
        std::size_t next = i;
        if (next_code_point(input, next) == 0x0653) {
          c = 0x0622;
          i = next;
        }
      }
      if (c != kDrop) {
        append_utf8(buffer, static_cast<char32_t>(c));
      }
    }
    if (!emit(std::string_view(buffer), start, i)) {
      return;
    }
  }
}

}  // namespace

Folded fold(std::string_view input, bool keep_origin) {
  Folded folded;
  folded.text.reserve(input.size());
  fold_each(input, [&](std::string_view c, std::size_t begin, std::size_t end) {
    folded.text.append(c);
    if (keep_origin) {
      folded.begin.resize(folded.text.size(), begin);
      folded.end.resize(folded.text.size(), end);
    }
    return true;
  });
  return folded;
}

std::string_view unfold(std::string_view input, std::size_t begin, std::size_t end) {
  std::size_t folded = 0;
  std::size_t from = 0;
  std::size_t to = 0;
  fold_each(input, [&](std::string_view c, std::size_t b, std::size_t e) {
    if (folded <= begin && begin < folded + c.size()) {
      from = b;
    }
    if (folded < end && end <= folded + c.size()) {
      to = e;
    }
    folded += c.size();
    return folded < end;
  });
  return input.substr(from, to - from);
}

}  // namespace kavosh
