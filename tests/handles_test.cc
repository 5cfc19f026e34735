// The searcher's database handles: a handle lent again sees what
// kavosh-index committed since, and a compacted copy swapped in.
#include "searcher/src/handles.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/schema.h"
#include "tests/process.h"

namespace {

using kavosh::Handles;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

void index(const TempDir& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {KAVOSH_INDEX_BIN, (dir / "corpus").string(), "--index",
                                   (dir / "index").string(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const kavosh::test::Run indexed = run(args);
  INFO(indexed.err);
  REQUIRE(indexed.status == 0);
}

Xapian::doccount documents(const Handles& handles) {
  Handles::Lease lease(handles);
  return lease.db().get_doccount();
}

}  // namespace

TEST_CASE("a pooled handle sees the articles indexed after it was opened", "[handles]") {
  const TempDir dir;
  write_file(dir / "corpus" / "a.txt", "نشست شورای شهر\nاعضای شورا گزارش مترو را بررسی کردند.\n");
  index(dir);
  Handles handles({(dir / "index" / std::string(kavosh::schema::kXapianDir)).string()},
                  dir / "index");
  CHECK(handles.prime(std::string(kavosh::schema::kMetaSchema)) ==
        std::to_string(kavosh::schema::kSchemaVersion));
  CHECK(documents(handles) == 1);

  write_file(dir / "corpus" / "b.txt", "هوای تهران\nآلودگی هوا در تهران ادامه دارد.\n");
  index(dir);
  CHECK(documents(handles) == 2);

  SECTION("and a compacted copy swapped in, by a new handle") {
    const Handles::Identity before = handles.identity();
    write_file(dir / "corpus" / "c.txt", "مترو\nخط جدید مترو افتتاح شد.\n");
    index(dir, {"--compact"});
    CHECK(handles.identity() != before);
    CHECK(documents(handles) == 3);
  }
}

TEST_CASE("a failure of Xapian reaches the caller as a located kavosh::Error", "[handles]") {
  const TempDir dir;
  Handles handles({(dir / "no-such-index").string()}, dir / "no-such-index");
  try {
    (void)handles.guarded([&] { return documents(handles); });
    FAIL("no error");
  } catch (const kavosh::Error& e) {
    CHECK(e.code() == kavosh::Error::kIo);
    CHECK(e.location().where == (dir / "no-such-index").string());
  }
}
