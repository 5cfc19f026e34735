// Text from an archive made safe to print on a terminal. Titles, snippets,
// file names and ids come from documents nobody vetted: an ESC sequence in
// one can clear the screen, write the clipboard (OSC 52), answer into the
// reader's input (CSI 6n) or reverse a line (U+202E).
#ifndef KAVOSH_COMMON_TERMINAL_TEXT_H_
#define KAVOSH_COMMON_TERMINAL_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kavosh {

// Longest field printed whole, in bytes; longer ones are cut with "…".
inline constexpr std::size_t kMaxPrintedField = 4096;

// True for the code points that must never reach a terminal raw: C0 but tab,
// DEL, C1 (U+0080-U+009F; U+009B is a one-character CSI), and the bidi
// embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069).
// ZWNJ, ZWJ, LRM and RLM are not: Persian needs them.
bool is_terminal_control(char32_t c);

// `text` with every such code point shown as a visible escape (`\x1B`,
// `\u{202E}`), every byte of an ill-formed UTF-8 sequence as `\xHH`, and
// cut after `max_bytes` bytes (0: no limit) at a character boundary with
// "…". ESC becomes `\x1B`, so the sequence it started is printed as plain
// text and does nothing. Valid text without controls comes back unchanged.
std::string terminal_safe(std::string_view text, std::size_t max_bytes = kMaxPrintedField);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_TERMINAL_TEXT_H_
