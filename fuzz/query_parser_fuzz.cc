// Fuzzes the query parser of kavosh-search: on any bytes, parse_query()
// returns or throws kavosh::Error; any other exception escapes and is a
// finding. Every clause it returns holds at least one token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kavosh/error.h"
#include "searcher/src/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  try {
    const auto parsed = kavosh::parse_query(query);
    for (const kavosh::QueryClause& clause : parsed.clauses) {
      if (clause.tokens.empty()) {
        std::abort();
      }
    }
  } catch (const kavosh::Error&) {
  }
  return 0;
}
