// Checks of an index as it is on disk: Xapian's own check of its tables,
// and the agreement of the Xapian and SQLite halves.
#ifndef KAVOSH_INDEXER_INDEX_CHECK_H_
#define KAVOSH_INDEXER_INDEX_CHECK_H_

#include <cstdint>
#include <filesystem>
#include <string>

namespace kavosh {

// The first structural problem Xapian's own check finds in the tables of
// the Xapian database at `xapian_dir`, or "" if there is none.
std::string xapian_damage(const std::filesystem::path& xapian_dir);

struct CheckResult {
  std::string problem;  // the first disagreement; empty if none
  std::uint64_t documents = 0;
};

// Compares the Xapian documents with the SQLite rows of an index, document
// by document. Opens the index read-only. Throws Error if the directory
// holds no index or a writer holds its lock (the two halves of an index being
// written may be a batch apart), Xapian::Error or SqliteError if either part
// cannot be read.
CheckResult check_index(const std::filesystem::path& dir);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_CHECK_H_
