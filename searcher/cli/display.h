// How kavosh-search writes to the terminal on its standard output: which
// order (visual, logical or plain), how wide, in colour or not. Decided from
// the options and the environment, as the README's "Persian in the
// terminal" section tells.
#ifndef KAVOSH_SEARCHER_CLI_DISPLAY_H_
#define KAVOSH_SEARCHER_CLI_DISPLAY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/bidi_layout.h"

namespace kavosh::cli {

struct Display {
  TextOrder order = TextOrder::kPlain;
  // Columns to wrap to; 0 for plain output (pipes and files: no wrapping).
  std::size_t width = 0;
  bool color = false;
  // Joined letter forms in visual order.
  bool shape = false;
  // Switch a terminal that implements the Terminal BiDi spec to explicit
  // mode (CSI 8 l) around visual output, back to implicit (CSI 8 h) after,
  // so that it does not reorder the lines a second time.
  bool explicit_mode = false;
  // Dates as "1404/09/21 (2025-12-12)" rather than "۲۱ آذر ۱۴۰۴ · 2025-12-12".
  bool numeric_dates = false;
};

struct DisplayChoice {
  std::string bidi = "auto";   // auto, visual or logical
  std::string color = "auto";  // auto, always or never
  bool shaping = true;         // --no-shaping turns it off
  bool numeric_dates = false;  // --dates=numeric
};

// Whether the terminal described by the environment reorders right-to-left
// text itself (VTE, Konsole, mlterm, mintty, macOS Terminal). Inside tmux or
// screen never: they do no bidi, whatever terminal they run in.
bool terminal_reorders();

// The display for standard output. `choice.bidi` "auto" reads KAVOSH_BIDI
// first; nullopt (with `error` set to a one-line message) if that holds no
// valid mode.
std::optional<Display> choose_display(const DisplayChoice& choice, std::string& error);

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_DISPLAY_H_
