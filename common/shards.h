// A sharded index: one directory holding N complete Kavosh indexes
// (INDEX_DIR/shard-0 … shard-{N-1}) and a manifest, INDEX_DIR/shards, that
// lists them. A document lives in the shard given by a stable hash of its
// id, so re-indexing always finds it where it was.
//
// The manifest is a text file:
//
//   kavosh-shards 1
//   shard-0
//   shard-1
//
// (a format line, then one shard directory a line, relative to INDEX_DIR).
// It is written before any shard exists, atomically (a temporary file
// renamed), so a directory with a manifest is a sharded index whose shards
// may still be missing, and one without is a single index.
#ifndef KAVOSH_COMMON_SHARDS_H_
#define KAVOSH_COMMON_SHARDS_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "kavosh/error.h"

namespace kavosh::shards {

inline constexpr std::string_view kManifestFile = "shards";
inline constexpr std::size_t kMaxShards = 1024;

// The shard directories of INDEX_DIR in manifest order, or nothing if
// INDEX_DIR has no manifest (a single index, or no index). Throws
// kavosh::Error (kBadInput, or kIo if it cannot be read), with a message naming the file and line,
// if the manifest cannot be read or is not one.
std::optional<std::vector<std::filesystem::path>> read_manifest(const std::filesystem::path& dir);

// Creates INDEX_DIR if needed and writes a manifest of `count` shards
// (1 <= count <= kMaxShards); returns their directories. Throws kavosh::Error (kBadInput, kIo).
std::vector<std::filesystem::path> write_manifest(const std::filesystem::path& dir,
                                                  std::size_t count);

// The shard, in [0, count), of the document with external id `id`: the same
// on every machine and in every version (XXH64, seed 0).
std::size_t shard_of(std::string_view id, std::size_t count);

}  // namespace kavosh::shards

#endif  // KAVOSH_COMMON_SHARDS_H_
