#include "common/shards.h"

#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>

namespace kavosh::shards {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormatLine = "kavosh-shards 1";

std::string shard_name(std::size_t i) { return "shard-" + std::to_string(i); }

}  // namespace

std::optional<std::vector<fs::path>> read_manifest(const fs::path& dir) {
  const fs::path file = dir / kManifestFile;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return std::nullopt;
  }
  std::ifstream in(file);
  if (!in) {
    throw Error(Error::kIo, file.string() + ": cannot read the shard list");
  }
  std::string line;
  std::size_t number = 1;
  if (!std::getline(in, line) || line != kFormatLine) {
    throw Error(Error::kBadInput, file.string() + ":1: not a Kavosh shard list (expected \"" +
                                      std::string(kFormatLine) + "\")");
  }
  std::vector<fs::path> shards;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) {
      continue;
    }
    const fs::path relative(line);
    if (relative.is_absolute() || line.find("..") != std::string::npos ||
        line.find('/') != std::string::npos) {
      throw Error(Error::kBadInput, file.string() + ":" + std::to_string(number) +
                                        ": a shard must be a directory inside " + dir.string());
    }
    // Documents are placed by their id's hash modulo the number of shards:
    // a line lost or repeated would hide or double part of the archive and
    // misplace every later update, so the list must be exactly as written.
    const std::string expected = shard_name(shards.size());
    if (line != expected) {
      throw Error(Error::kBadInput,
                  file.string() + ":" + std::to_string(number) + ": \"" + line + "\" where \"" +
                      expected +
                      "\" belongs: the shard list was edited or damaged (it must list "
                      "shard-0, shard-1, ... in order)");
    }
    shards.push_back(dir / relative);
  }
  if (shards.empty() || shards.size() > kMaxShards) {
    throw Error(Error::kBadInput, file.string() + ": lists " + std::to_string(shards.size()) +
                                      " shards, not 1 to " + std::to_string(kMaxShards));
  }
  // A shard directory beyond the list: a line was deleted.
  const fs::path next = dir / shard_name(shards.size());
  if (fs::exists(next, ec)) {
    throw Error(Error::kBadInput, file.string() + ": lists " + std::to_string(shards.size()) +
                                      " shards, but " + next.filename().string() +
                                      " exists too: the shard list was edited or damaged");
  }
  return shards;
}

std::vector<fs::path> write_manifest(const fs::path& dir, std::size_t count) {
  if (count < 1 || count > kMaxShards) {
    throw Error(Error::kBadInput, std::to_string(count) +
                                      " shards: the number of shards must be 1 to " +
                                      std::to_string(kMaxShards));
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw Error(Error::kIo, dir.string() + ": cannot create: " + ec.message());
  }
  const fs::path file = dir / kManifestFile;
  const fs::path temporary = dir / (std::string(kManifestFile) + ".new");
  std::vector<fs::path> shards;
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << kFormatLine << '\n';
    for (std::size_t i = 0; i < count; ++i) {
      out << shard_name(i) << '\n';
      shards.push_back(dir / shard_name(i));
    }
    out.flush();
    if (!out) {
      throw Error(Error::kIo, temporary.string() + ": cannot write the shard list");
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) {
    throw Error(Error::kIo, file.string() + ": cannot write the shard list: " + ec.message());
  }
  return shards;
}

std::size_t shard_of(std::string_view id, std::size_t count) {
  return static_cast<std::size_t>(XXH64(id.data(), id.size(), 0) % count);
}

}  // namespace kavosh::shards
