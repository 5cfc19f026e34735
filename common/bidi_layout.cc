#include "common/bidi_layout.h"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>
#include <unicode/utf16.h>

#include <memory>
#include <string_view>
#include <utility>

#include "common/terminal_text.h"

namespace kavosh {
namespace {

constexpr char16_t kLri = 0x2066;
constexpr char16_t kRli = 0x2067;
constexpr char16_t kFsi = 0x2068;
constexpr char16_t kPdi = 0x2069;
constexpr char16_t kLam = 0x0644;
constexpr char16_t kDal = 0x062F;

// The paragraph in UTF-16, as ICU wants it, with each unit's style.
struct Text {
  std::u16string units;
  std::vector<TextStyle> styles;
};

// A line as a range of UTF-16 units of the paragraph, break spaces left out.
struct Line {
  int32_t begin = 0;
  int32_t end = 0;
};

struct BidiCloser {
  void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};
using Bidi = std::unique_ptr<UBiDi, BidiCloser>;

int cell_width(UChar32 c) {
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) {
    return 0;
  }
  const int32_t east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

bool is_bidi_control(UChar32 c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Length of the visible escape terminal_safe() writes for a control
// ("\\x1B", "\\u{202E}") at `text[at]`, or 0.
std::size_t escape_length(const std::string& text, std::size_t at) {
  const auto hex = [&](std::size_t i) {
    return i < text.size() &&
           ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'F'));
  };
  if (text[at] != '\\' || at + 1 >= text.size()) {
    return 0;
  }
  if (text[at + 1] == 'x') {
    return hex(at + 2) && hex(at + 3) ? 4 : 0;
  }
  if (text.compare(at + 1, 2, "u{") != 0) {
    return 0;
  }
  std::size_t end = at + 3;
  while (hex(end)) {
    ++end;
  }
  return end < text.size() && text[end] == '}' && end > at + 3 ? end + 1 - at : 0;
}

Text collect(const std::vector<Segment>& paragraph, bool isolates) {
  Text text;
  const auto push = [&](std::string_view utf8, TextStyle style) {
    const icu::UnicodeString piece = icu::UnicodeString::fromUTF8(utf8);
    for (int32_t i = 0; i < piece.length(); ++i) {
      char16_t unit = piece.charAt(i);
      // One paragraph, one line each: tabs and separators become spaces
      // (ubidi would start a new paragraph at U+2029).
      if (unit == u'\t' || unit == 0x2028 || unit == 0x2029) {
        unit = u' ';
      }
      text.units.push_back(unit);
      text.styles.push_back(style);
    }
  };
  const auto control = [&](char16_t unit, TextStyle style) {
    if (isolates) {
      text.units.push_back(unit);
      text.styles.push_back(style);
    }
  };
  for (const Segment& segment : paragraph) {
    const std::string safe = terminal_safe(segment.text, kMaxPrintedField);
    if (segment.isolate) {
      control(kFsi, segment.style);
    }
    std::size_t done = 0;
    for (std::size_t at = 0; at < safe.size(); ++at) {
      // An escape reads left to right as one unit, even amid Persian.
      if (const std::size_t length = escape_length(safe, at); length > 0) {
        push(std::string_view(safe).substr(done, at - done), segment.style);
        control(kLri, segment.style);
        push(std::string_view(safe).substr(at, length), segment.style);
        control(kPdi, segment.style);
        at += length - 1;
        done = at + 1;
      }
    }
    push(std::string_view(safe).substr(done), segment.style);
    if (segment.isolate) {
      control(kPdi, segment.style);
    }
  }
  return text;
}

// Where to cut units [begin, end) so that the part before fits `columns`:
// at a character boundary, marks kept with their letter, at least one
// character in.
int32_t fitting_end(const std::u16string& units, int32_t begin, int32_t end, std::size_t columns) {
  std::size_t used = 0;
  int32_t i = begin;
  while (i < end) {
    int32_t next = i;
    UChar32 c = 0;
    U16_NEXT(units.data(), next, end, c);
    const auto w = static_cast<std::size_t>(cell_width(c));
    if (w > 0 && used + w > columns && i > begin) {
      return i;
    }
    used += w;
    i = next;
  }
  return end;
}

std::size_t width_of(const std::u16string& units, int32_t begin, int32_t end) {
  std::size_t width = 0;
  for (int32_t i = begin; i < end;) {
    UChar32 c = 0;
    U16_NEXT(units.data(), i, end, c);
    width += static_cast<std::size_t>(cell_width(c));
  }
  return width;
}

std::size_t available(const LayoutOptions& options, std::size_t line) {
  const std::size_t indent = line == 0 ? options.first_indent : options.rest_indent;
  return options.width > indent + 1 ? options.width - indent : 1;
}

// Greedy filling, breaking at spaces only. A word wider than a whole line
// is cut at a character boundary: nothing else fits it.
std::vector<Line> break_lines(const std::u16string& units, const LayoutOptions& options) {
  const auto n = static_cast<int32_t>(units.size());
  if (options.width == 0) {
    return {{0, n}};
  }
  std::vector<Line> lines;
  Line line;
  std::size_t used = 0;
  bool empty = true;
  int32_t i = 0;
  while (i < n) {
    const int32_t spaces = i;
    while (i < n && units[static_cast<std::size_t>(i)] == u' ') {
      ++i;
    }
    if (i == n) {
      break;
    }
    const int32_t word = i;
    while (i < n && units[static_cast<std::size_t>(i)] != u' ') {
      ++i;
    }
    const auto space_width = static_cast<std::size_t>(word - spaces);
    const std::size_t word_width = width_of(units, word, i);
    if (!empty && used + space_width + word_width <= available(options, lines.size())) {
      used += space_width + word_width;
      line.end = i;
      continue;
    }
    if (!empty) {
      lines.push_back(line);
    }
    // The first line keeps the paragraph's leading spaces.
    line = {lines.empty() && empty ? 0 : word, i};
    used = width_of(units, line.begin, i);
    empty = false;
    while (used > available(options, lines.size())) {
      const int32_t cut =
          fitting_end(units, line.begin, line.end, available(options, lines.size()));
      lines.push_back({line.begin, cut});
      line.begin = cut;
      used = width_of(units, line.begin, line.end);
    }
  }
  if (!empty) {
    lines.push_back(line);
  }
  if (lines.empty()) {
    lines.push_back({0, 0});
  }
  return lines;
}

char16_t alef_form(char16_t alef, bool final) {
  switch (alef) {
    case 0x0622:  // alef with madda
      return final ? 0xFE82 : 0xFE81;
    case 0x0623:  // alef with hamza above
      return final ? 0xFE84 : 0xFE83;
    case 0x0625:  // alef with hamza below
      return final ? 0xFE88 : 0xFE87;
    default:
      return final ? 0xFE8E : 0xFE8D;
  }
}

// Joined letter forms, one presentation form per letter. ICU would fuse lam
// and alef into one ligature cell and pad with a space; instead each alef
// after a lam is shaped as dal (which joins the same way) and given back
// its own form, so every letter keeps its cell and its place.
std::u16string shape_letters(const std::u16string& units) {
  std::u16string in = units;
  std::vector<std::pair<std::size_t, char16_t>> alefs;
  for (std::size_t i = 0; i + 1 < in.size(); ++i) {
    if (in[i] != kLam) {
      continue;
    }
    std::size_t j = i + 1;
    while (j < in.size() && u_charType(in[j]) == U_NON_SPACING_MARK) {
      ++j;
    }
    if (j < in.size() &&
        (in[j] == 0x0627 || in[j] == 0x0622 || in[j] == 0x0623 || in[j] == 0x0625)) {
      alefs.emplace_back(j, in[j]);
      in[j] = kDal;
    }
  }
  std::u16string out(in.size(), u' ');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = u_shapeArabic(
      in.data(), static_cast<int32_t>(in.size()), out.data(), static_cast<int32_t>(out.size()),
      U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_FIXED_SPACES_NEAR,
      &status);
  if (U_FAILURE(status) || length != static_cast<int32_t>(in.size())) {
    return units;
  }
  for (const auto& [at, alef] : alefs) {
    out[at] = alef_form(alef, out[at] == 0xFEAA);  // dal's final form
  }
  return out;
}

const char* sgr(TextStyle style) {
  switch (style) {
    case TextStyle::kBold:
      return "\033[1m";
    case TextStyle::kDim:
      return "\033[2m";
    case TextStyle::kMatch:
      return "\033[1;31m";
    case TextStyle::kNormal:
      break;
  }
  return "\033[0m";
}

// Appends characters in the order they reach the terminal, with the SGR
// sequences of their styles, and counts the columns they fill.
class Writer {
 public:
  explicit Writer(bool color) : color_(color) {}

  void put(UChar32 c, TextStyle style) {
    if (color_ && style != style_) {
      if (style_ != TextStyle::kNormal) {
        out_ += sgr(TextStyle::kNormal);
      }
      if (style != TextStyle::kNormal) {
        out_ += sgr(style);
      }
      style_ = style;
    }
    icu::UnicodeString(c).toUTF8String(out_);
    width_ += static_cast<std::size_t>(cell_width(c));
  }

  std::string finish() {
    if (color_ && style_ != TextStyle::kNormal) {
      out_ += sgr(TextStyle::kNormal);
    }
    return std::move(out_);
  }

  std::size_t width() const { return width_; }

 private:
  bool color_;
  TextStyle style_ = TextStyle::kNormal;
  std::string out_;
  std::size_t width_ = 0;
};

// Units [begin, end) of a right-to-left run, written from its end: each
// letter followed by its marks (a half-space stays between its letters), mirrored characters ("«",
// "(") turned.
void put_reversed(const Text& text, const std::u16string& glyphs, int32_t begin, int32_t end,
                  Writer& out) {
  std::vector<int32_t> clusters;
  for (int32_t i = begin; i < end;) {
    UChar32 c = 0;
    const int32_t at = i;
    U16_NEXT(text.units.data(), i, end, c);
    const int8_t type = u_charType(c);
    if (clusters.empty() || (type != U_NON_SPACING_MARK && type != U_ENCLOSING_MARK)) {
      clusters.push_back(at);
    }
  }
  int32_t cluster_end = end;
  for (auto it = clusters.rbegin(); it != clusters.rend(); ++it) {
    for (int32_t i = *it; i < cluster_end;) {
      const auto style = text.styles[static_cast<std::size_t>(i)];
      UChar32 c = 0;
      U16_NEXT(glyphs.data(), i, cluster_end, c);
      if (!is_bidi_control(c)) {
        out.put(u_charMirror(c), style);
      }
    }
    cluster_end = *it;
  }
}

void put_forward(const Text& text, const std::u16string& glyphs, int32_t begin, int32_t end,
                 bool controls, Writer& out) {
  for (int32_t i = begin; i < end;) {
    const auto style = text.styles[static_cast<std::size_t>(i)];
    UChar32 c = 0;
    U16_NEXT(glyphs.data(), i, end, c);
    if (controls || !is_bidi_control(c)) {
      out.put(c, style);
    }
  }
}

// The line's cells from left to right; false if ICU cannot reorder it.
bool put_visual(UBiDi* paragraph, const Text& text, const std::u16string& glyphs, Line line,
                Writer& out) {
  UErrorCode status = U_ZERO_ERROR;
  const Bidi bidi{ubidi_openSized(line.end - line.begin, 0, &status)};
  ubidi_setLine(paragraph, line.begin, line.end, bidi.get(), &status);
  const int32_t runs = ubidi_countRuns(bidi.get(), &status);
  if (U_FAILURE(status)) {
    return false;
  }
  for (int32_t run = 0; run < runs; ++run) {
    int32_t start = 0;
    int32_t length = 0;
    const UBiDiDirection direction = ubidi_getVisualRun(bidi.get(), run, &start, &length);
    start += line.begin;
    if (direction == UBIDI_RTL) {
      put_reversed(text, glyphs, start, start + length, out);
    } else {
      put_forward(text, glyphs, start, start + length, false, out);
    }
  }
  return true;
}

// Isolates still open before unit `at`: a line cut inside an isolated field
// closes it at its end and opens it again on the next line.
int open_isolates(const std::u16string& units, int32_t at) {
  int open = 0;
  for (int32_t i = 0; i < at; ++i) {
    const char16_t unit = units[static_cast<std::size_t>(i)];
    if (unit == kFsi || unit == kLri || unit == kRli) {
      ++open;
    } else if (unit == kPdi && open > 0) {
      --open;
    }
  }
  return open;
}

std::string logical_line(const Text& text, Line line, bool rtl, const LayoutOptions& options) {
  Writer out(options.color);
  const bool controls = options.order == TextOrder::kLogical;
  const int reopened = controls ? open_isolates(text.units, line.begin) : 0;
  if (controls) {
    out.put(rtl ? kRli : kLri, TextStyle::kNormal);
    for (int i = 0; i < reopened; ++i) {
      out.put(kFsi, TextStyle::kNormal);
    }
  }
  put_forward(text, text.units, line.begin, line.end, controls, out);
  if (controls) {
    const int still_open = open_isolates(text.units, line.end);
    for (int i = 0; i < still_open; ++i) {
      out.put(kPdi, TextStyle::kNormal);
    }
    out.put(kPdi, TextStyle::kNormal);
  }
  return out.finish();
}

}  // namespace

std::vector<std::string> layout(const std::vector<Segment>& paragraph,
                                const LayoutOptions& options) {
  const Text text = collect(paragraph, options.order != TextOrder::kPlain);
  UErrorCode status = U_ZERO_ERROR;
  const Bidi bidi{ubidi_open()};
  const UBiDiLevel level = options.direction == Direction::kLeftToRight   ? 0
                           : options.direction == Direction::kRightToLeft ? 1
                                                                          : UBIDI_DEFAULT_LTR;
  ubidi_setPara(bidi.get(), text.units.data(), static_cast<int32_t>(text.units.size()), level,
                nullptr, &status);
  const bool rtl = U_SUCCESS(status) && (ubidi_getParaLevel(bidi.get()) & 1) != 0;
  const bool visual = options.order == TextOrder::kVisual && U_SUCCESS(status);
  const std::u16string glyphs = visual && options.shape ? shape_letters(text.units) : text.units;

  std::vector<std::string> lines;
  for (const Line line : break_lines(text.units, options)) {
    const std::size_t indent = lines.empty() ? options.first_indent : options.rest_indent;
    Writer cells(options.color);
    if (visual && put_visual(bidi.get(), text, glyphs, line, cells)) {
      const std::size_t room = available(options, lines.size());
      const std::size_t pad = !rtl ? indent : room > cells.width() ? room - cells.width() : 0;
      lines.push_back(std::string(options.width == 0 && rtl ? 0 : pad, ' ') + cells.finish());
    } else {
      lines.push_back(std::string(indent, ' ') + logical_line(text, line, rtl, options));
    }
  }
  return lines;
}

std::size_t display_width(const std::string& text) {
  const icu::UnicodeString units = icu::UnicodeString::fromUTF8(text);
  const std::u16string copy(units.getBuffer(), static_cast<std::size_t>(units.length()));
  return width_of(copy, 0, static_cast<int32_t>(copy.size()));
}

}  // namespace kavosh
