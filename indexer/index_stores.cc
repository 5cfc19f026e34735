#include "indexer/index_stores.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <system_error>

#include "common/schema.h"
#include "common/shards.h"

namespace kavosh {
namespace fs = std::filesystem;

namespace {

// A new sharded index whose creation fails (no space, too many open files)
// is removed again, manifest and all: nothing half-made is left.
void remove_half_made(const fs::path& index, const std::vector<fs::path>& parts) {
  std::error_code ec;
  for (const auto& part : parts) {
    fs::remove_all(part, ec);
  }
  fs::remove(index / shards::kManifestFile, ec);
}

}  // namespace

std::vector<std::filesystem::path> index_parts(const std::filesystem::path& index,
                                               std::size_t requested) {
  namespace fs = std::filesystem;
  std::optional<std::vector<fs::path>> shards = shards::read_manifest(index);
  if (!shards && requested > 1) {
    std::error_code ec;
    if (fs::exists(index / schema::kXapianDir, ec)) {
      throw Error(
          Error::kBadInput,
          fmt::format("{}: a single index, not {} shards: build the shards in a new directory",
                      index.string(), requested));
    }
    shards = shards::write_manifest(index, requested);
  }
  if (!shards) {
    return {index};
  }
  if (requested != 0 && requested != shards->size()) {
    throw Error(Error::kBadInput,
                fmt::format("{}: has {} shards, not {}: build {} shards in a new directory",
                            index.string(), shards->size(), requested, requested));
  }
  return *shards;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> index_directories(const fs::path& index) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  std::error_code ec;
  if (!fs::is_directory(index, ec)) {
    return keys;
  }
  const CorpusRoot dir = identify_folder(index);
  keys.emplace_back(dir.device, dir.inode);
  for (const auto& entry : fs::directory_iterator(index, ec)) {
    if (entry.is_directory(ec) && fs::exists(entry.path() / schema::kXapianDir, ec)) {
      const CorpusRoot shard = identify_folder(entry.path());
      keys.emplace_back(shard.device, shard.inode);
    }
  }
  return keys;
}

void refuse_corpus_in_index(const CorpusRoot& corpus, const fs::path& index) {
  std::error_code ec;
  if (!fs::exists(index, ec)) {
    return;
  }
  const fs::path index_path = fs::canonical(index, ec);
  const fs::path corpus_path(corpus.path);
  const auto [end, ignored] =
      std::mismatch(index_path.begin(), index_path.end(), corpus_path.begin(), corpus_path.end());
  if (!ec && end == index_path.end()) {
    throw Error(Error::kBadInput,
                fmt::format("corpus {} is the index directory {} or inside it: give the "
                            "folder of articles as CORPUS_DIR",
                            corpus.path, index.string()));
  }
}

bool index_exists(const fs::path& index) {
  std::error_code ec;
  return fs::exists(index / schema::kXapianDir, ec) || fs::exists(index / "shards", ec);
}

Stores open_stores(const IndexOptions& options, Peers& peers, IndexSummary& summary) {
  Stores stores;
  if (options.dry_run && !index_exists(options.index)) {
    return stores;  // a new index: everything would be added
  }
  const bool fresh = !index_exists(options.index);
  const std::vector<fs::path> parts = index_parts(options.index, options.shards);
  try {
    for (const auto& part : parts) {
      stores.push_back(IndexStore::open(part, options.verify));
    }
    if (stores.size() > 1) {
      for (const auto& part : parts) {
        peers.emplace_back(part);
      }
      for (std::size_t i = 0; i < stores.size(); ++i) {
        for (std::size_t j = 0; j < parts.size(); ++j) {
          if (j != i) {
            stores[i]->add_peer(peers[j]);
          }
        }
      }
    }
  } catch (...) {
    if (fresh && parts.size() > 1) {
      stores.clear();
      remove_half_made(options.index, parts);
    }
    throw;
  }
  summary.shards = stores.size();
  for (const auto& store : stores) {
    summary.recovered = summary.recovered || store->recovered();
    if (!store->sqlite_damage().empty()) {
      summary.sqlite_damage = store->sqlite_damage();
    }
  }
  return stores;
}

}  // namespace kavosh
