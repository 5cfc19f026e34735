// One indexing run: brings an index up to date with a corpus directory.
#ifndef KAVOSH_INDEXER_INDEXER_H_
#define KAVOSH_INDEXER_INDEXER_H_

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/corpus_reader.h"
#include "indexer/index_options.h"

namespace kavosh {

// Updates `options.index` from `options.corpus`, one corpus root of the
// index (roots.h): unchanged documents are left alone, changed ones
// replaced, new ones added, and documents of this root whose file or line
// is gone removed (but never those of a file or directory that failed to
// read this time, and not at all when the removal guard refuses). Problems
// go to `reporter` and the run goes on. A sharded index gets
// one writer thread per shard, and the analysis threads shared out among
// them.
// Throws Error: kNotFound if the corpus directory does not exist, and as
// IndexStore::open if the index cannot be opened.
IndexSummary run_index(const IndexOptions& options, Reporter& reporter);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEXER_H_
