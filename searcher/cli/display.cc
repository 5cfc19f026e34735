#include "searcher/cli/display.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace kavosh::cli {
namespace {

std::string_view env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string_view{} : std::string_view{value};
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool inside_multiplexer() {
  return !env("TMUX").empty() || starts_with(env("TERM"), "screen") ||
         starts_with(env("TERM"), "tmux");
}

// VTE_VERSION is 5703 for 0.57.3, the first VTE with bidi.
bool vte_with_bidi() {
  const std::string_view version = env("VTE_VERSION");
  int number = 0;
  const auto [end, error] =
      std::from_chars(version.data(), version.data() + version.size(), number);
  return error == std::errc{} && number >= 5703;
}

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  const std::string_view columns = env("COLUMNS");
  std::size_t number = 0;
  const auto [end, error] =
      std::from_chars(columns.data(), columns.data() + columns.size(), number);
  if (error == std::errc{} && end == columns.data() + columns.size() && number > 0) {
    return number;
  }
  return 80;
}

}  // namespace

bool terminal_reorders() {
  if (inside_multiplexer()) {
    return false;
  }
  return vte_with_bidi() || !env("KONSOLE_VERSION").empty() || starts_with(env("TERM"), "mlterm") ||
         env("TERM_PROGRAM") == "mintty" || env("TERM_PROGRAM") == "Apple_Terminal";
}

std::optional<Display> choose_display(const DisplayChoice& choice, std::string& error) {
  std::string_view bidi = choice.bidi;
  if (bidi == "auto" && !env("KAVOSH_BIDI").empty()) {
    bidi = env("KAVOSH_BIDI");
    if (bidi != "auto" && bidi != "visual" && bidi != "logical") {
      error = "KAVOSH_BIDI: \"" + std::string(bidi) + "\" is not auto, visual or logical";
      return std::nullopt;
    }
  }
  const bool terminal = isatty(STDOUT_FILENO) != 0;
  Display display;
  if (bidi == "visual" || (bidi == "auto" && terminal && !terminal_reorders())) {
    display.order = TextOrder::kVisual;
  } else if (bidi == "logical" || (bidi == "auto" && terminal)) {
    display.order = TextOrder::kLogical;
  }
  if (display.order != TextOrder::kPlain) {
    display.width = terminal_width();
  }
  // WezTerm joins letters itself, even with its bidi off.
  display.shape = choice.shaping && env("TERM_PROGRAM") != "WezTerm";
  display.explicit_mode = display.order == TextOrder::kVisual && terminal &&
                          !inside_multiplexer() &&
                          (vte_with_bidi() || env("TERM_PROGRAM") == "mintty");
  // no-color.org: a non-empty NO_COLOR turns colour off; --color=always wins.
  display.color =
      choice.color == "always" || (choice.color == "auto" && terminal && env("NO_COLOR").empty());
  display.numeric_dates = choice.numeric_dates;
  return display;
}

}  // namespace kavosh::cli
