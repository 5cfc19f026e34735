#include "searcher/cli/queries.h"

#include <string_view>

namespace kavosh::cli {

bool QueryReader::next(std::string& query, std::uint64_t& line) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  while (std::getline(in_, query)) {
    ++line_;
    if (line_ == 1 && query.starts_with(kBom)) {
      query.erase(0, kBom.size());
    }
    if (!query.empty() && query.back() == '\r') {
      query.pop_back();
    }
    if (query.find_first_not_of(" \t\v\f\r") != std::string::npos) {
      line = line_;
      return true;
    }
  }
  return false;
}

}  // namespace kavosh::cli
