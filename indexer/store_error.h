// Failures of Xapian and SQLite inside IndexStore, told as kavosh::Error (kIo).
#ifndef KAVOSH_INDEXER_STORE_ERROR_H_
#define KAVOSH_INDEXER_STORE_ERROR_H_

#include <filesystem>
#include <string_view>

namespace kavosh {

// Called in a catch block: rethrows the Xapian::Error or SqliteError being
// handled as an Error (kIo) naming `dir` and what was being done (other
// exceptions pass unchanged).
[[noreturn]] void rethrow_as_index_error(const std::filesystem::path& dir, std::string_view doing);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_STORE_ERROR_H_
