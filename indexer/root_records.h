// The corpus roots recorded in an index (roots.h): the root a run writes,
// and the roots listed and removed whole.
#ifndef KAVOSH_INDEXER_ROOT_RECORDS_H_
#define KAVOSH_INDEXER_ROOT_RECORDS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/index_options.h"
#include "indexer/index_stores.h"
#include "indexer/roots.h"

namespace kavosh {

// Finds or records the root of `folder` in every store, and returns it: a
// folder seen before keeps its number (and its record follows the folder if
// it moved); a new one gets the next, but is recorded only if `has_files`.
// Sets the root fields of `summary`, and the root every store writes.
CorpusRoot resolve_root(const CorpusRoot& folder, bool has_files, Stores& stores,
                        IndexSummary& summary);

// Removes every document of the corpus root `name` (its label, recorded
// path, or the folder itself) from the index, and the root's record.
// Returns the number of documents removed. Throws Error (kNotFound) if the
// index has no such root.
std::uint64_t remove_root(const std::filesystem::path& index, const std::string& name);

// The recorded corpus roots of an index, with their document counts.
struct RootInfo {
  std::string path;
  std::string label;
  std::uint64_t documents = 0;
};
std::vector<RootInfo> list_roots(const std::filesystem::path& index);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ROOT_RECORDS_H_
