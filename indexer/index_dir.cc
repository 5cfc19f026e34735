#include "indexer/index_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include "common/schema.h"

namespace kavosh {
namespace fs = std::filesystem;

std::string meta(const Xapian::Database& db, std::string_view key) {
  return db.get_metadata(std::string(key));
}

std::string errno_message(int error) { return std::generic_category().message(error); }

bool has_foreign_entries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(schema::kSqliteFile, 0) != 0 && name != kLockFile && name != kStagingDir &&
        name != kCompactDir) {
      return true;
    }
  }
  return false;
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto size = entry.file_size(ec);
    bytes += ec ? 0 : size;
  }
  return bytes;
}

}  // namespace kavosh
