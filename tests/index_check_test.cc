#include "indexer/index_check.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/schema.h"
#include "indexer/index_dir.h"
#include "indexer/index_store.h"

namespace kavosh {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / ("kavosh-check-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

TEST_CASE("a new index checks consistent, and a plain directory is no index", "[index_check]") {
  const TempDir dir;
  SECTION("no index") { CHECK_THROWS_AS(check_index(dir.path), Error); }
  SECTION("a new, empty index") {
    IndexStore::open(dir.path / "index").reset();
    const CheckResult result = check_index(dir.path / "index");
    CHECK(result.problem.empty());
    CHECK(result.documents == 0);
    CHECK(xapian_damage(dir.path / "index" / schema::kXapianDir).empty());
  }
  SECTION("missing metadata is named") {
    IndexStore::open(dir.path / "index").reset();
    fs::remove(dir.path / "index" / schema::kSqliteFile);
    CHECK(check_index(dir.path / "index").problem ==
          "no metadata.sqlite (index again to rebuild it)");
  }
}

TEST_CASE("an index directory tells its own files from foreign ones", "[index_dir]") {
  const TempDir dir;
  CHECK_FALSE(has_foreign_entries(dir.path));
  std::ofstream(dir.path / std::string(kLockFile)) << "";
  CHECK_FALSE(has_foreign_entries(dir.path));
  std::ofstream(dir.path / "خبرها.txt") << "به گزارش ایلنا";
  CHECK(has_foreign_entries(dir.path));
  CHECK(directory_bytes(dir.path) == std::string("به گزارش ایلنا").size());
}

}  // namespace
}  // namespace kavosh
