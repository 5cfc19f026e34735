#include "serve/params.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace kavosh::serve {
namespace {

[[noreturn]] void bad(const std::string& name, const std::string& message) {
  throw Error(Error::kBadQuery, message, Location{name});
}

// The one value of `name`, or nullptr; throws if it is given twice or is
// longer than `max_bytes`.
const std::string* single(const Params& params, const std::string& name,
                          std::size_t max_bytes = kMaxValueBytes) {
  const auto [begin, end] = params.equal_range(name);
  if (begin == end) {
    return nullptr;
  }
  if (std::next(begin) != end) {
    bad(name, "given more than once");
  }
  if (begin->second.size() > max_bytes) {
    bad(name, "longer than " + std::to_string(max_bytes) + " bytes");
  }
  return &begin->second;
}

std::size_t count(const Params& params, const std::string& name, std::size_t fallback,
                  std::size_t max) {
  const std::string* value = single(params, name);
  if (value == nullptr) {
    return fallback;
  }
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (error != std::errc() || end != value->data() + value->size() || value->empty()) {
    bad(name, "not a whole number: \"" + *value + "\"");
  }
  if (n > max) {
    bad(name, "more than " + std::to_string(max));
  }
  return n;
}

bool flag(const Params& params, const std::string& name, bool fallback) {
  const std::string* value = single(params, name);
  if (value == nullptr) {
    return fallback;
  }
  if (*value == "1" || *value == "true" || *value == "yes") {
    return true;
  }
  if (*value == "0" || *value == "false" || *value == "no") {
    return false;
  }
  bad(name, "not a boolean (1, true, 0 or false): \"" + *value + "\"");
}

}  // namespace

void only(const Params& params, std::string_view allowed) {
  for (const auto& [name, value] : params) {
    const std::string padded = " " + std::string(allowed) + " ";
    if (name.empty() || padded.find(" " + name + " ") == std::string::npos) {
      bad(name.substr(0, 64), "unknown parameter; known: " + std::string(allowed));
    }
  }
}

std::string query(const Params& params) {
  const std::string* q = single(params, "q", kMaxQueryBytes);
  return q == nullptr ? std::string() : *q;
}

SearchOptions search_options(const Params& params) {
  SearchOptions options;
  options.limit = count(params, "limit", options.limit, kMaxLimit);
  options.offset = count(params, "offset", options.offset, kMaxOffset);
  if (const std::string* from = single(params, "from")) {
    options.date_from = *from;
  }
  if (const std::string* to = single(params, "to")) {
    options.date_to = *to;
  }
  const auto [begin, end] = params.equal_range("source");
  for (auto it = begin; it != end; ++it) {
    if (it->second.size() > kMaxValueBytes) {
      bad("source", "longer than " + std::to_string(kMaxValueBytes) + " bytes");
    }
    if (!it->second.empty()) {
      options.sources.push_back(it->second);
    }
  }
  if (options.sources.size() > kMaxSources) {
    bad("source", "more than " + std::to_string(kMaxSources) + " sources");
  }
  if (const std::string* sort = single(params, "sort")) {
    if (*sort == "relevance") {
      options.sort = Sort::kRelevance;
    } else if (*sort == "newest") {
      options.sort = Sort::kNewest;
    } else if (*sort == "oldest") {
      options.sort = Sort::kOldest;
    } else {
      bad("sort", "not relevance, newest or oldest: \"" + *sort + "\"");
    }
  }
  if (const std::string* recency = single(params, "recency")) {
    double days = 0;
    const char* last = recency->data() + recency->size();
    const auto [end_ptr, error] = std::from_chars(recency->data(), last, days);
    if (error != std::errc() || end_ptr != last || !std::isfinite(days) || days <= 0 ||
        days > kMaxRecencyDays) {
      bad("recency", "not a half-life in days between 0 and " +
                         std::to_string(static_cast<int>(kMaxRecencyDays)) + ": \"" + *recency +
                         "\"");
    }
    options.recency_half_life_days = days;
  }
  options.facets = flag(params, "facets", options.facets);
  options.collapse = flag(params, "collapse", options.collapse);
  options.exact = flag(params, "exact", options.exact);
  return options;
}

}  // namespace kavosh::serve
