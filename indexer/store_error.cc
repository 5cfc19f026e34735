#include "indexer/store_error.h"

#include <fmt/format.h>
#include <xapian.h>

#include "indexer/index_error.h"
#include "indexer/sqlite_db.h"

namespace kavosh {
namespace fs = std::filesystem;

void rethrow_as_index_error(const fs::path& dir, std::string_view doing) {
  try {
    throw;
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: {}: {} (what was committed before is kept)", dir.string(),
                                 doing, e.get_description()));
  } catch (const SqliteError& e) {
    throw IndexError(fmt::format("{}: {}: {} (what was committed before is kept)", dir.string(),
                                 doing, e.what()));
  }
}

}  // namespace kavosh
