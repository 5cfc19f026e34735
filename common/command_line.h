// What kavosh-index, kavosh-search and kavosh-serve share on their command
// lines: numbers checked as text before CLI11 converts them (CLI11 would
// wrap "-5" and truncate what overflows), the nearest option to a mistyped
// one, and an index named twice. Header-only, so that CLI11 stays out of
// the libraries.
#ifndef KAVOSH_COMMON_COMMAND_LINE_H_
#define KAVOSH_COMMON_COMMAND_LINE_H_

#include <fmt/format.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::command_line {

// A CLI11 check of a whole number from `min` to `max`, in decimal digits:
// "-5", "1e3", "nan" and what overflows `max` are refused, each saying why.
inline CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  return {[min, max](std::string& text) -> std::string {
            const std::string range = min == 0
                                          ? fmt::format("a whole number up to {}", max)
                                          : fmt::format("a whole number from {} to {}", min, max);
            if (text.size() > 1 && text[0] == '-' &&
                text.find_first_not_of("0123456789", 1) == std::string::npos) {
              return fmt::format("{} is negative; give {}", text, range);
            }
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [at, error] = std::from_chars(text.data(), end, value);
            if (text.empty() || at != end || error == std::errc::invalid_argument) {
              return fmt::format("\"{}\" is not {}", text, range);
            }
            if (error == std::errc::result_out_of_range || value > max) {
              return fmt::format("{} is too large; give {}", text, range);
            }
            if (value < min) {
              return fmt::format("{} is too small; give {}", text, range);
            }
            return "";
          },
          min == 0 && max == std::numeric_limits<std::uint64_t>::max()
              ? std::string()
              : fmt::format("in [{} - {}]", min, max)};
}

// whole_number() up to what `T` holds.
template <typename T>
CLI::Validator whole_number(std::uint64_t min = 0) {
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<T>::max());
  return whole_number(min, max).description(min == 0   ? ""
                                            : min == 1 ? "POSITIVE"
                                                       : fmt::format(">={}", min));
}

// A CLI11 check of a finite number above 0 ("nan", "inf", "-1" refused).
inline CLI::Validator positive_number() {
  return {[](std::string& text) -> std::string {
            double value = 0;
            const char* end = text.data() + text.size();
            const auto [at, error] = std::from_chars(text.data(), end, value);
            if (text.empty() || at != end || error != std::errc() || !std::isfinite(value)) {
              return fmt::format("\"{}\" is not a finite number", text);
            }
            if (value <= 0) {
              return fmt::format("{} is not above 0", text);
            }
            return "";
          },
          "POSITIVE"};
}

// Edits from `a` to `b`: a letter inserted, deleted, replaced, or two
// neighbours swapped ("--jbos" is one from "--jobs"). In bytes: option
// names are ASCII.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The long option of `app` nearest `word` ("--limt" -> "--limit", "--jsn"
// -> "--json"), within two edits and fewer than half its letters; "" if
// none is that near. Any "=value" of `word` is ignored.
inline std::string nearest_option(const CLI::App& app, std::string_view word) {
  word = word.substr(0, word.find('='));
  std::string best;
  std::size_t best_distance = 3;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) {
      const std::string candidate = "--" + name;
      const std::size_t distance = edit_distance(word, candidate);
      if (distance < best_distance && 2 * distance < candidate.size() - 2) {
        best = candidate;
        best_distance = distance;
      }
    }
  }
  return best;
}

// The message for a parse error of `app`, without the program's name: an
// unknown option names the nearest known one, or says how to pass a word
// that begins with '-' (after "--"); a missing option that an environment
// variable can give names it; other errors as CLI11 words them.
inline std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    for (const std::string& extra : app.remaining()) {
      if (extra.size() < 2 || extra[0] != '-') {
        continue;
      }
      const std::string nearest = nearest_option(app, extra);
      if (!nearest.empty()) {
        return fmt::format("unknown option {}; did you mean {}?", extra, nearest);
      }
      return fmt::format("unknown option {} (arguments after \"--\" are never options: -- {})",
                         extra, extra);
    }
  }
  std::string message = error.what();
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    for (const CLI::Option* option : app.get_options()) {
      if (option->get_required() && option->count() == 0 && !option->get_envname().empty() &&
          message.starts_with(option->get_name() + " ")) {
        message += fmt::format(" (or set {})", option->get_envname());
      }
    }
  }
  return message;
}

// The first of `paths` that names the same file or directory as one before
// it (the same device and inode, however it is spelled), if any. Paths
// that do not exist are left to whoever opens them.
inline std::optional<std::string> repeated_path(const std::vector<std::string>& paths) {
  std::vector<std::pair<dev_t, ino_t>> seen;
  for (const std::string& path : paths) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
      continue;
    }
    const std::pair<dev_t, ino_t> id{info.st_dev, info.st_ino};
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
      return path;
    }
    seen.push_back(id);
  }
  return std::nullopt;
}

}  // namespace kavosh::command_line

#endif  // KAVOSH_COMMON_COMMAND_LINE_H_
