// The one exception type of the Kavosh API.
#ifndef KAVOSH_ERROR_H_
#define KAVOSH_ERROR_H_

#include <cstdint>
#include <stdexcept>
#include <string>

#include "kavosh/export.h"

namespace kavosh {

// Where bad input was found: a file or an argument, a 1-based line (0 when
// not known) and a byte offset within it (or within the query).
struct Location {
  std::string where;
  std::uint64_t line = 0;
  std::uint64_t byte = 0;
};

class KAVOSH_EXPORT Error : public std::runtime_error {
 public:
  enum Code {
    kBadQuery,           // the query cannot be run (empty, invalid UTF-8, ...)
    kNotAnIndex,         // the directory holds no Kavosh index
    kIncompatibleIndex,  // built by another schema or analyzer version: rebuild
    kIo,                 // a file could not be read
    kCorruption,         // the index is damaged
  };

  // what() is one line: "where:line: message" when a location is given.
  Error(Code code, const std::string& message, Location location = {});

  Code code() const noexcept { return code_; }
  const Location& location() const noexcept { return location_; }

 private:
  Code code_;
  Location location_;
};

}  // namespace kavosh

#endif  // KAVOSH_ERROR_H_
