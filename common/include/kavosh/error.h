// The one exception type of Kavosh: thrown by the library (kavosh_searcher)
// and by kavosh-index alike. It lives in common/ so that the indexer, which
// may not use the searcher, throws it too; it is installed with the
// library's headers and reached through kavosh/kavosh.h.
#ifndef KAVOSH_ERROR_H_
#define KAVOSH_ERROR_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "kavosh/export.h"

namespace kavosh {

// Where bad input was found: a file, an option or a field ("query",
// "date_from/date_to"), a 1-based line (0 when not known) and a byte offset
// within it (or within the query), if known.
struct Location {
  std::string where;
  std::uint64_t line = 0;
  std::optional<std::uint64_t> byte = std::nullopt;
};

class KAVOSH_EXPORT Error : public std::runtime_error {
 public:
  // New codes are added at the end; a code's meaning never changes.
  enum Code {
    kBadQuery,           // the query cannot be run (empty, invalid UTF-8, ...)
    kNotAnIndex,         // the directory holds no Kavosh index
    kIncompatibleIndex,  // built by another schema or analyzer version: rebuild
    kIo,                 // a file could not be read or written
    kCorruption,         // the index is damaged
    kNotFound,           // no document, corpus root or file of that name
    kBadInput,           // an option, a corpus or a shard list that cannot be used
    kBusy,               // the index is locked by another process
  };

  // what() is one line: "where:line: message at byte N", each part present
  // when the location gives it.
  Error(Code code, const std::string& message, Location location = {});

  Code code() const noexcept { return code_; }
  const Location& location() const noexcept { return location_; }

 private:
  Code code_;
  Location location_;
};

}  // namespace kavosh

#endif  // KAVOSH_ERROR_H_
