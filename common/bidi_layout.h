// Lays out a paragraph of archive text for a terminal: made safe, wrapped to
// the width on word boundaries and, for terminals that do no bidi, put into
// visual order with ICU's bidi algorithm (and optionally shaped), so that
// Persian reads right to left where the terminal would show it mirrored.
//
// Wrapping comes first, on the logical text; each line is then reordered on
// its own (UBA rules L1-L2), so a line never changes when the terminal's
// width cuts a word that the next line shows.
#ifndef KAVOSH_COMMON_BIDI_LAYOUT_H_
#define KAVOSH_COMMON_BIDI_LAYOUT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace kavosh {

// How a paragraph's characters go to the terminal.
enum class TextOrder {
  // Logical order, no bidi controls: for pipes and files, which must stay
  // searchable text.
  kPlain,
  // Logical order, each line in an isolate of the paragraph's direction
  // (RLI or LRI ... PDI) and each isolated segment in FSI ... PDI: for
  // terminals that reorder themselves (VTE, Konsole, mlterm).
  kLogical,
  // Visual order, left to right as the cells are filled, right-to-left
  // lines right-aligned: for terminals that do no bidi (tmux, xterm, kitty).
  kVisual,
};

enum class Direction { kAuto, kLeftToRight, kRightToLeft };

enum class TextStyle { kNormal, kBold, kDim, kMatch };

// A piece of a paragraph. `text` may come from an archive: the layout shows
// its controls as visible escapes (terminal_safe) and cuts it at
// kMaxPrintedField bytes.
struct Segment {
  std::string text;
  TextStyle style = TextStyle::kNormal;
  // A field with a direction of its own (a source name or a path within the
  // metadata line): laid out as a unit, never mixed with its neighbours.
  bool isolate = false;
};

struct LayoutOptions {
  TextOrder order = TextOrder::kVisual;
  // Terminal columns. 0: no wrapping and no alignment. Default: 80.
  std::size_t width = 80;
  // Columns left free at the paragraph's start side (left for a
  // left-to-right paragraph, right for a right-to-left one) on its first
  // line and on the lines after. Default: 0.
  std::size_t first_indent = 0;
  std::size_t rest_indent = 0;
  // kAuto: from the first strong character (rule P2-P3), left to right when
  // there is none. Default: kAuto.
  Direction direction = Direction::kAuto;
  // With kVisual: Arabic letters in their joined presentation forms
  // (U+FB50-U+FEFF), for terminals that do not shape. They copy and paste
  // as compatibility characters. Default: false.
  bool shape = false;
  // SGR colours for the styles. Default: false.
  bool color = false;
};

// The paragraph's lines as they go to the terminal, without newlines. Every
// line fits `width` columns; lines break at spaces only (never inside a word
// or a half-space compound), unless one word is wider than a line.
std::vector<std::string> layout(const std::vector<Segment>& paragraph,
                                const LayoutOptions& options);

// Columns a terminal gives to `text` (UTF-8): 0 for marks and format
// characters (ZWNJ), 2 for wide East Asian characters, 1 otherwise.
std::size_t display_width(const std::string& text);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_BIDI_LAYOUT_H_
