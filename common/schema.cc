#include "common/schema.h"

#include <xxhash.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kavosh::schema {

std::string Record::to_data() const {
  const nlohmann::json j = {
      {"id", id},       {"path", path},           {"line", line},
      {"title", title}, {"body", body},           {"source", source},
      {"url", url},     {"date", date_gregorian}, {"jdate", date_jalali},
      {"size", size},   {"hash", hash},
  };
  // Bodies may hold ill-formed UTF-8 only if a reader let it through;
  // replace rather than throw so one bad byte never loses a document.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Record Record::from_data(std::string_view data) {
  const auto j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id")) {
    throw std::runtime_error("document data is not a Kavosh record");
  }
  Record r;
  r.id = j.value("id", "");
  r.path = j.value("path", "");
  r.line = j.value("line", std::uint64_t{0});
  r.title = j.value("title", "");
  r.body = j.value("body", "");
  r.source = j.value("source", "");
  r.url = j.value("url", "");
  r.date_gregorian = j.value("date", "");
  r.date_jalali = j.value("jdate", "");
  r.size = j.value("size", std::uint64_t{0});
  r.hash = j.value("hash", "");
  return r;
}

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (id.size() + term.size() <= kMaxTermBytes) {
    term += id;
    return term;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(id.data(), id.size())));
  term += id.substr(0, kMaxTermBytes - 40);
  term += '#';
  term += hex;
  return term;
}

}  // namespace kavosh::schema
