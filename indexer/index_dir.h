// The files of an index directory besides those schema.h names, and the
// file system calls that keep them whole.
#ifndef KAVOSH_INDEXER_INDEX_DIR_H_
#define KAVOSH_INDEXER_INDEX_DIR_H_

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kavosh {

// The writer's lock file, and where a new Xapian database is built before it
// is renamed to schema::kXapianDir.
inline constexpr std::string_view kLockFile = "writer.lock";
inline constexpr std::string_view kStagingDir = "xapian.new";
inline constexpr std::string_view kCompactDir = "xapian.compact";

// The Xapian user metadata stored under `key`, or "".
std::string meta(const Xapian::Database& db, std::string_view key);

// strerror(), thread-safe.
std::string errno_message(int error);

// Whether `dir` holds anything but what an index directory may hold before
// its Xapian database exists (what an interrupted creation leaves).
bool has_foreign_entries(const std::filesystem::path& dir);

// fsync()s a directory, so that a rename in it survives a power cut.
void sync_directory(const std::filesystem::path& dir);

// The bytes of the files directly in `dir`.
std::uint64_t directory_bytes(const std::filesystem::path& dir);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_DIR_H_
