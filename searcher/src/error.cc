#include "kavosh/error.h"

namespace kavosh {
namespace {

std::string describe(const std::string& message, const Location& location) {
  if (location.where.empty()) {
    return message;
  }
  std::string out = location.where;
  if (location.line > 0) {
    out += ':' + std::to_string(location.line);
  }
  return out + ": " + message;
}

}  // namespace

Error::Error(Code code, const std::string& message, Location location)
    : std::runtime_error(describe(message, location)),
      code_(code),
      location_(std::move(location)) {}

}  // namespace kavosh
