#include "kavosh/error.h"

namespace kavosh {
namespace {

std::string describe(const std::string& message, const Location& location) {
  std::string out = message;
  if (location.byte) {
    out += " at byte " + std::to_string(*location.byte);
  }
  if (location.where.empty()) {
    return out;
  }
  std::string prefix = location.where;
  if (location.line > 0) {
    prefix += ':' + std::to_string(location.line);
  }
  return prefix + ": " + out;
}

}  // namespace

Error::Error(Code code, const std::string& message, Location location)
    : std::runtime_error(describe(message, location)),
      code_(code),
      location_(std::move(location)) {}

}  // namespace kavosh
