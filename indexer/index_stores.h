// The stores of one index directory: the directory itself, or one store per
// shard of a sharded index (common/shards.h).
#ifndef KAVOSH_INDEXER_INDEX_STORES_H_
#define KAVOSH_INDEXER_INDEX_STORES_H_

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "indexer/index_options.h"
#include "indexer/index_store.h"
#include "indexer/roots.h"

namespace kavosh {

// The index directories that make up INDEX_DIR: the shards of a sharded
// index, or INDEX_DIR itself. `requested` as IndexOptions::shards; a new
// sharded index gets its manifest here. Throws Error.
std::vector<std::filesystem::path> index_parts(const std::filesystem::path& index,
                                               std::size_t requested);

using Stores = std::vector<std::unique_ptr<IndexStore>>;
// Declared before the Stores that point into them, so they outlive them.
using Peers = std::deque<IndexStore::SharedPeer>;

// Whether `index` holds an index, sharded or not.
bool index_exists(const std::filesystem::path& index);

// The index directory and its shards, by device and inode: never read as
// part of a corpus that contains them.
std::vector<std::pair<std::uint64_t, std::uint64_t>> index_directories(
    const std::filesystem::path& index);

// Throws Error if the corpus folder is the index directory or inside it.
void refuse_corpus_in_index(const CorpusRoot& corpus, const std::filesystem::path& index);

// Opens every store of `options.index` for writing (none for a dry run over
// a new index), each shard's store reading the others through `peers`, and
// records the shard count and any recovery in `summary`. A new sharded index
// that cannot be created is removed whole. Throws Error.
Stores open_stores(const IndexOptions& options, Peers& peers, IndexSummary& summary);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_STORES_H_
