// Indexing never loses an archive (issue 13), end to end through
// kavosh-index and kavosh-search: corpus roots, guarded removals, folders
// that cannot be read or are symlinked, file names of every kind, article
// size, shards and damaged indexes.
#include <pwd.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/process.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::RunOptions;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;
const RunOptions kNoHang{std::chrono::seconds(120)};

Run index(const fs::path& corpus, const fs::path& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{kIndexBin, corpus.string(), "--index", dir.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args, kNoHang);
}

// Hits for `query`, by id.
std::vector<std::string> ids(const fs::path& dir, const std::string& query) {
  const Run r = run({kSearchBin, "--index", dir.string(), "--json", "--limit", "100",
                     "--no-collapse", "--", query},
                    kNoHang);
  std::vector<std::string> found;
  if (r.status != 0) {
    return found;
  }
  const nlohmann::json results = nlohmann::json::parse(r.out);
  for (const auto& hit : results["hits"]) {
    found.push_back(hit["id"]);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::size_t documents(const fs::path& dir) {
  const Run r = run({kIndexBin, "--check", "--index", dir.string()}, kNoHang);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  return *kavosh::test::number_after(r.out, "consistent, ");
}

// An archive of `n` articles about Tehran's metro, one file each.
void write_archive(const fs::path& corpus, int n, const std::string& name = "metro") {
  for (int i = 0; i < n; ++i) {
    write_file(corpus / (name + "-" + std::to_string(i) + ".txt"),
               "خط " + std::to_string(i) + " مترو\nمترو تهران خط " + std::to_string(i) +
                   " را افتتاح کرد.\n");
  }
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// The uid of user nobody when this process is root, else nullopt (as root,
// permissions do not apply and cannot be tested).
std::optional<std::string> nobody_prefix() {
  if (geteuid() != 0) {
    return std::string();
  }
  const passwd* nobody = getpwnam("nobody");
  if (nobody == nullptr || !fs::exists("/usr/bin/setpriv")) {
    return std::nullopt;
  }
  return "/usr/bin/setpriv --reuid=" + std::to_string(nobody->pw_uid) +
         " --regid=" + std::to_string(nobody->pw_gid) + " --clear-groups -- ";
}

}  // namespace

TEST_CASE("adding a new folder to an archive adds it and keeps the archive",
          "[archive][roots][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "archive", 6);
  write_file(tmp / "new-batch" / "metro-0.txt", "خبر تازه\nقطار برقی شیراز به راه افتاد.\n");
  write_file(tmp / "new-batch" / "b.txt", "خبر دیگر\nقطار برقی مشهد به راه افتاد.\n");
  REQUIRE(index(tmp / "archive", tmp / "index").status == 0);

  const Run added = index(tmp / "new-batch", tmp / "index");
  INFO(added.out << added.err);
  CHECK(added.status == 0);
  CHECK_THAT(added.out, Contains("new corpus root " + fs::canonical(tmp / "new-batch").string()));
  CHECK_THAT(added.out, Contains("2 added, 0 updated, 0 unchanged, 0 removed"));
  CHECK(documents(tmp / "index") == 8);
  // The same file name in both folders: two documents, told apart by path.
  CHECK(ids(tmp / "index", "مترو").size() == 6);
  CHECK(ids(tmp / "index", "قطار") ==
        std::vector<std::string>{"new-batch/b.txt", "new-batch/metro-0.txt"});

  SECTION("running each folder again changes nothing") {
    CHECK_THAT(index(tmp / "archive", tmp / "index").out, Contains("0 removed"));
    CHECK_THAT(index(tmp / "new-batch", tmp / "index").out,
               Contains("0 added, 0 updated, 2 unchanged, 0 removed"));
    CHECK(documents(tmp / "index") == 8);
  }
  SECTION("a root is listed, found again after a rename, and removed only on purpose") {
    const Run roots = run({kIndexBin, "--roots", "--index", (tmp / "index").string()}, kNoHang);
    CHECK_THAT(roots.out, Contains("(first root)\t6 documents"));
    CHECK_THAT(roots.out, Contains("new-batch\t2 documents"));
    fs::rename(tmp / "new-batch", tmp / "renamed");
    fs::remove(tmp / "renamed" / "b.txt");
    const Run again = index(tmp / "renamed", tmp / "index");
    CHECK_THAT(again.out, Contains("0 added, 0 updated, 1 unchanged, 1 removed"));
    const Run removed = run(
        {kIndexBin, "--remove-root", "new-batch", "--index", (tmp / "index").string()}, kNoHang);
    CHECK(removed.status == 0);
    CHECK(documents(tmp / "index") == 6);
  }
}

TEST_CASE("an empty or unmounted corpus folder removes nothing without a confirmation",
          "[archive][guard][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "archive", 6);
  REQUIRE(index(tmp / "archive", tmp / "index").status == 0);
  for (const auto& entry : fs::directory_iterator(tmp / "archive")) {
    fs::remove(entry.path());
  }
  const Run refused = index(tmp / "archive", tmp / "index");
  INFO(refused.out << refused.err);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Contains("removed nothing: this run would remove 6 of the 6 documents"));
  CHECK_THAT(refused.err, Contains("--allow-removals"));
  CHECK(documents(tmp / "index") == 6);
  CHECK(ids(tmp / "index", "مترو").size() == 6);

  const Run confirmed = index(tmp / "archive", tmp / "index", {"--allow-removals"});
  CHECK(confirmed.status == 0);
  CHECK_THAT(confirmed.out, Contains("6 removed"));
}

TEST_CASE("a run that would remove more than half of a folder's documents is refused",
          "[archive][guard][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "archive", 6);
  REQUIRE(index(tmp / "archive", tmp / "index").status == 0);
  for (int i = 0; i < 4; ++i) {
    fs::remove(tmp / "archive" / ("metro-" + std::to_string(i) + ".txt"));
  }
  SECTION("--dry-run lists what would go and writes nothing") {
    const Run dry = index(tmp / "archive", tmp / "index", {"--dry-run"});
    INFO(dry.out << dry.err);
    CHECK(dry.status == 0);
    CHECK_THAT(dry.out, Contains("remove metro-0.txt\n"));
    CHECK_THAT(dry.out, Contains("would add 0, update 0, remove 4; 2 unchanged"));
    CHECK(documents(tmp / "index") == 6);
  }
  SECTION("without confirmation nothing is removed, exit 2") {
    const Run refused = index(tmp / "archive", tmp / "index");
    CHECK(refused.status == 2);
    CHECK_THAT(refused.err, Contains("more than half of the 6 documents"));
    CHECK(documents(tmp / "index") == 6);
  }
  SECTION("up to half goes without a question") {
    write_file(tmp / "archive" / "metro-0.txt", "خط صفر\nمترو تهران خط صفر.\n");
    write_file(tmp / "archive" / "metro-1.txt", "خط یک\nمترو تهران خط یک.\n");
    const Run r = index(tmp / "archive", tmp / "index");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Contains("2 removed"));
  }
}

TEST_CASE("the index directory is never taken for a corpus, nor read inside one",
          "[archive][roots][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "archive", 3);
  REQUIRE(index(tmp / "archive", tmp / "archive" / "index").status == 0);
  // The index inside the corpus holds .txt-free files only, but a second run
  // must not walk it at all, nor count it.
  const Run again = index(tmp / "archive", tmp / "archive" / "index");
  CHECK(again.status == 0);
  CHECK_THAT(again.out, Contains("3 files:"));
  const Run wrong = index(tmp / "archive" / "index", tmp / "archive" / "index");
  CHECK(wrong.status == 2);
  CHECK_THAT(wrong.err, Contains("is the index directory"));
  CHECK(documents(tmp / "archive" / "index") == 3);
}

TEST_CASE("a folder that cannot be read keeps its documents", "[archive][permissions][issue-13]") {
  const auto as_nobody = nobody_prefix();
  if (!as_nobody) {
    WARN("skipped: root without setpriv, permissions cannot be tested");
    return;
  }
  TempDir tmp;
  write_archive(tmp / "archive" / "2024", 3, "old");
  write_archive(tmp / "archive" / "2025", 3, "new");
  fs::create_directories(tmp / "index");
  fs::permissions(tmp.path(), fs::perms::all, fs::perm_options::add);
  const std::string command = *as_nobody + shell_quote(kIndexBin) + " " +
                              shell_quote((tmp / "archive").string()) + " --index " +
                              shell_quote((tmp / "index").string());
  if (geteuid() == 0) {
    REQUIRE(run({"/bin/chown", "-R", "nobody", (tmp / "index").string()}, kNoHang).status == 0);
  }
  REQUIRE(run({"/bin/sh", "-c", command}, kNoHang).status == 0);
  fs::permissions(tmp / "archive" / "2024", fs::perms::none);
  const Run r = run({"/bin/sh", "-c", command}, kNoHang);
  fs::permissions(tmp / "archive" / "2024", fs::perms::owner_all, fs::perm_options::add);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("warning: 2024: cannot read directory: Permission denied"));
  CHECK_THAT(r.out, Contains("0 removed, 1 skipped"));
  CHECK(ids(tmp / "index", "مترو").size() == 6);
}

TEST_CASE("symlinked folders are followed, once, and a link out of the corpus is announced",
          "[archive][symlink][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "farsnews", 2, "fars");
  write_archive(tmp / "archive" / "own", 2, "own");
  fs::create_directory_symlink(tmp / "farsnews", tmp / "archive" / "farsnews");
  fs::create_directory_symlink(tmp / "archive" / "own", tmp / "archive" / "again");
  const Run r = index(tmp / "archive", tmp / "index");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Contains("followed a symlink out of the corpus: farsnews -> "));
  CHECK_THAT(r.err, Contains("again: symlink to a directory read already"));
  CHECK_THAT(r.out, Contains("4 files: 4 added"));
  CHECK(ids(tmp / "index", "مترو").size() == 4);
}

TEST_CASE("a corpus's notes and judgments are not articles; --include and --exclude choose",
          "[archive][globs][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 2);
  write_file(tmp / "c" / "qrels.txt", "101 0 metro-0.txt 1\n");
  write_file(tmp / "c" / "README.txt", "About this corpus\nمترو\n");
  write_file(tmp / "c" / "drafts" / "d.txt", "پیش‌نویس\nمترو پیش‌نویس\n");
  SECTION("by default") {
    const Run r = index(tmp / "c", tmp / "index");
    CHECK_THAT(r.out, Contains("3 files: 3 added"));
  }
  SECTION("--exclude a folder, --include a pattern") {
    CHECK_THAT(index(tmp / "c", tmp / "index", {"--exclude", "drafts"}).out,
               Contains("2 files: 2 added"));
    CHECK_THAT(index(tmp / "c", tmp / "i2", {"--include", "metro-1*"}).out,
               Contains("1 files: 1 added"));
    CHECK_THAT(index(tmp / "c", tmp / "i3", {"--no-default-excludes"}).out,
               Contains("5 files: 5 added"));
    // One glob per option: the folder after it is the corpus, not a glob.
    const Run before = run({kIndexBin, "--exclude", "drafts", (tmp / "c").string(), "--index",
                            (tmp / "i4").string()},
                           kNoHang);
    CHECK(before.status == 0);
    CHECK_THAT(before.out, Contains("2 files: 2 added"));
  }
}

TEST_CASE("Windows-1256 file names stay distinct, stable and readable",
          "[archive][names][issue-13]") {
  TempDir tmp;
  // تهران, شيراز, همدان in Windows-1256.
  write_file(tmp / "c" / "\xCA\xE5\xD1\xC7\xE4.txt", "تهران\nخبر تهران\n");
  write_file(tmp / "c" / "\xD4\xED\xD1\xC7\xD2.txt", "شیراز\nخبر شیراز\n");
  write_file(tmp / "c" / "\xE5\xE3\xCF\xC7\xE4.txt", "همدان\nخبر همدان\n");
  const Run r = index(tmp / "c", tmp / "index");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Contains("3 files: 3 added"));
  CHECK(ids(tmp / "index", "خبر") == std::vector<std::string>{"\\xCA\\xE5\\xD1\\xC7\\xE4.txt",
                                                              "\\xD4\\xED\\xD1\\xC7\\xD2.txt",
                                                              "\\xE5\\xE3\\xCF\\xC7\\xE4.txt"});
  CHECK_THAT(index(tmp / "c", tmp / "index").out, Contains("0 added, 0 updated, 3 unchanged"));
  // A broken one is named by its escaped bytes.
  write_file(tmp / "c" / "\xC8\xCF.json", "{broken");
  CHECK_THAT(index(tmp / "c", tmp / "index").err, Contains("warning: \\xC8\\xCF.json: "));
}

TEST_CASE("control characters in a file name never reach the terminal",
          "[archive][names][security][issue-13]") {
  TempDir tmp;
  write_file(tmp / "c" / "ok.txt", "خبر\nمتن خبر\n");
  write_file(tmp / "c" / "a\x1B]52;c;ZXZpbA==\x07\x1B[2J\nkavosh-index: forged.json", "{broken");
  const Run r = index(tmp / "c", tmp / "index");
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find('\x1B') == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
  CHECK(r.out.find('\x1B') == std::string::npos);
  CHECK_THAT(r.err, Contains("a\\x1B]52;c;ZXZpbA==\\x07\\x1B[2J\\x0Akavosh-index: forged.json"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("an article over the size limit is skipped with a warning, and its file kept",
          "[archive][size][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 2);
  write_file(tmp / "c" / "huge.txt",
             "بزرگ\n" + std::string(std::size_t{300} * 1024, 'x') + " مترو\n");
  write_file(tmp / "c" / "lines.jsonl",
             "{\"id\": \"small\", \"body\": \"مترو کوچک\"}\n{\"id\": \"big\", \"body\": \"" +
                 std::string(std::size_t{300} * 1024, 'y') + "\"}\n");
  const Run r = index(tmp / "c", tmp / "index", {"--max-article-size", "100K"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("huge.txt: article larger than 102400 bytes (--max-article-size)"));
  CHECK_THAT(r.err, Contains("lines.jsonl:2: article larger than"));
  CHECK(ids(tmp / "index", "مترو").size() == 3);
  const Run bad = index(tmp / "c", tmp / "index", {"--max-article-size", "-5"});
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("--max-article-size: not a size"));
}

TEST_CASE(
    "many shards index within the usual open-file limit, and a failed creation leaves "
    "nothing",
    "[archive][shards][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 20);
  const auto limited = [&](int files, const fs::path& dir) {
    return run({"/bin/sh", "-c",
                "ulimit -n " + std::to_string(files) + " && exec " + shell_quote(kIndexBin) + " " +
                    shell_quote((tmp / "c").string()) + " --index " + shell_quote(dir.string()) +
                    " --shards 16"},
               kNoHang);
  };
  const Run r = limited(1024, tmp / "sharded");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Contains("index holds 20 documents in 16 shards"));

  const Run failed = limited(40, tmp / "failed");
  CHECK(failed.status == 2);
  CHECK_FALSE(fs::exists(tmp / "failed" / "shards"));
  CHECK_FALSE(fs::exists(tmp / "failed" / "shard-0"));
  CHECK(limited(1024, tmp / "failed").status == 0);
}

TEST_CASE("a shard list that disagrees with the shard directories is an error",
          "[archive][shards][damage][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 8);
  REQUIRE(index(tmp / "c", tmp / "index", {"--shards", "2"}).status == 0);
  const fs::path manifest = tmp / "index" / "shards";
  SECTION("a line deleted") { write_file(manifest, "kavosh-shards 1\nshard-0\n"); }
  SECTION("a shard listed twice") { write_file(manifest, "kavosh-shards 1\nshard-0\nshard-0\n"); }
  const Run searched = run({kSearchBin, "--index", (tmp / "index").string(), "مترو"}, kNoHang);
  CHECK(searched.status == 2);
  CHECK_THAT(searched.err, Contains("shard list was edited or damaged"));
  const Run indexed = index(tmp / "c", tmp / "index");
  CHECK(indexed.status == 2);
  CHECK_THAT(indexed.err, Contains("shard list was edited or damaged"));
}

TEST_CASE("a damaged index is found by --check and never reported as indexed",
          "[archive][damage][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 300);
  REQUIRE(index(tmp / "c", tmp / "index").status == 0);
  const fs::path xapian = tmp / "index" / "xapian";
  SECTION("blocks of the position table zeroed") {
    std::fstream f(xapian / "position.glass", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    const std::string zeros(16384, '\0');
    f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
  }
  SECTION("the postlist table truncated") {
    fs::resize_file(xapian / "postlist.glass", fs::file_size(xapian / "postlist.glass") / 2);
  }
  const Run checked = run({kIndexBin, "--check", "--index", (tmp / "index").string()}, kNoHang);
  INFO(checked.out << checked.err);
  CHECK(checked.status == 2);
  CHECK_THAT(checked.err, Contains("Xapian tables"));
  const Run again = index(tmp / "c", tmp / "index");
  INFO(again.out << again.err);
  CHECK(again.status == 2);
  CHECK_THAT(again.err, Contains("the index is damaged"));
  CHECK(std::count(again.err.begin(), again.err.end(), '\n') == 1);
}

TEST_CASE("damaged metadata is rebuilt from the Xapian index", "[archive][damage][issue-13]") {
  TempDir tmp;
  write_archive(tmp / "c", 300);
  REQUIRE(index(tmp / "c", tmp / "index").status == 0);
  {
    std::fstream f(tmp / "index" / "metadata.sqlite",
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(8192, 'k');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const Run checked = run({kIndexBin, "--check", "--index", (tmp / "index").string()}, kNoHang);
  CHECK(checked.status == 2);
  CHECK_THAT(checked.err, Contains("metadata.sqlite is damaged"));
  const Run again = index(tmp / "c", tmp / "index");
  INFO(again.out << again.err);
  CHECK(again.status == 0);
  CHECK_THAT(again.err, Contains("metadata.sqlite was damaged"));
  CHECK(documents(tmp / "index") == 300);
  CHECK(fs::exists(tmp / "index" / "metadata.sqlite.damaged"));
}

TEST_CASE("progress on a terminal goes by bytes, also inside one large .jsonl.gz",
          "[archive][progress][issue-13]") {
  if (!fs::exists("/usr/bin/script") || !fs::exists("/usr/bin/gzip")) {
    FAIL("script(1) and gzip are needed to give kavosh-index a terminal");
  }
  TempDir tmp;
  std::string lines;
  for (int i = 0; i < 3000; ++i) {
    lines += "{\"id\": \"n" + std::to_string(i) + "\", \"body\": \"مترو تهران خط " +
             std::to_string(i) + " را افتتاح کرد و مسافران بسیاری با آن به سر کار رفتند.\"}\n";
  }
  write_file(tmp / "c" / "all.jsonl", lines);
  REQUIRE(run({"/usr/bin/gzip", (tmp / "c" / "all.jsonl").string()}, kNoHang).status == 0);
  // script(1) gives the command a terminal and copies what it writes.
  const Run on_terminal =
      run({"/usr/bin/script", "-qec",
           shell_quote(kIndexBin) + " " + shell_quote((tmp / "c").string()) + " --index " +
               shell_quote((tmp / "index").string()) + " --jobs 1 --batch-size 200",
           "/dev/null"},
          kNoHang);
  INFO(on_terminal.out);
  CHECK(on_terminal.status == 0);
  // Redrawn in place, with percent, documents, rate and time left.
  const std::size_t redraws = std::count(on_terminal.out.begin(), on_terminal.out.end(), '\r');
  CHECK(redraws >= 3);
  CHECK_THAT(on_terminal.out, Contains("% "));
  CHECK_THAT(on_terminal.out, Contains(" documents "));
  CHECK_THAT(on_terminal.out, Contains("ETA"));
  CHECK_THAT(on_terminal.out, Contains("100.0%"));
  // Not a terminal: the summary alone.
  const Run piped = index(tmp / "c", tmp / "index2");
  CHECK(piped.err.empty());
  CHECK(piped.out.find('\r') == std::string::npos);
}
