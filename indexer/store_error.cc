#include "indexer/store_error.h"

#include <fmt/format.h>
#include <xapian.h>

#include "indexer/sqlite_db.h"
#include "kavosh/error.h"

namespace kavosh {
namespace fs = std::filesystem;

void rethrow_as_index_error(const fs::path& dir, std::string_view doing) {
  try {
    throw;
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo, fmt::format("{}: {}: {} (what was committed before is kept)",
                                        dir.string(), doing, e.get_description()));
  } catch (const SqliteError& e) {
    throw Error(Error::kIo, fmt::format("{}: {}: {} (what was committed before is kept)",
                                        dir.string(), doing, e.what()));
  }
}

}  // namespace kavosh
