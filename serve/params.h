// Query-string parameters of the API, checked and turned into options.
#ifndef KAVOSH_SERVE_PARAMS_H_
#define KAVOSH_SERVE_PARAMS_H_

#include <cstddef>
#include <map>
#include <string>

#include "kavosh/kavosh.h"

namespace kavosh::serve {

// As the HTTP library decodes them: name -> value, a name possibly repeated.
using Params = std::multimap<std::string, std::string>;

// Limits on what one request may ask, so that no request can make the
// server do unbounded work.
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxValueBytes = 256;  // an id, a date, a source
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10000;
inline constexpr std::size_t kMaxSources = 20;
inline constexpr double kMaxRecencyDays = 36500;

// The search options a request names: from, to, source (repeatable), sort,
// recency, limit, offset, facets, collapse, exact. Throws
// Error(kBadQuery) naming the parameter (as Location::where) for an unknown
// parameter, a repeated one, a value that does not parse or exceeds its
// limit. `q` is allowed and left to query().
SearchOptions search_options(const Params& params);

// The `q` parameter ("" when absent). Throws Error(kBadQuery) if it is
// repeated or longer than kMaxQueryBytes.
std::string query(const Params& params);

// Throws Error(kBadQuery) unless every parameter is one of `allowed`
// (a space-separated list).
void only(const Params& params, std::string_view allowed);

}  // namespace kavosh::serve

#endif  // KAVOSH_SERVE_PARAMS_H_
