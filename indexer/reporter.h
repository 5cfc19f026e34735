// How the indexer tells its caller about input it could not read.
#ifndef KAVOSH_INDEXER_REPORTER_H_
#define KAVOSH_INDEXER_REPORTER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace kavosh {

// Told about every file, line or directory that could not be read.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // `path` is relative to the corpus root; `line` is 1-based, or 0 when the
  // problem concerns the whole file or directory. `reason` is one short line.
  virtual void skipped(const std::string& path, std::uint64_t line, std::string_view reason) = 0;
  // Told about something worth knowing that loses nothing (a symlink loop
  // not followed). Default: ignored.
  virtual void noted(const std::string& path, std::string_view message) {
    static_cast<void>(path);
    static_cast<void>(message);
  }
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_REPORTER_H_
