// Indexing on several threads builds the same index as on one: the same
// documents under the same docids with the same terms, and incremental runs
// still skip what did not change.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/indexer.h"
#include "tests/corpora.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::TempDir;

namespace {

class NullReporter : public kavosh::Reporter {
 public:
  void skipped(const std::string&, std::uint64_t, std::string_view) override {}
};

kavosh::IndexSummary index(const fs::path& corpus, const fs::path& dir, std::size_t jobs) {
  kavosh::IndexOptions options;
  options.corpus = corpus;
  options.index = dir;
  options.jobs = jobs;
  options.batch_size = 150;  // several commits, some while analysis runs ahead
  NullReporter reporter;
  return kavosh::run_index(options, reporter);
}

// Each document as docid, external id and its terms with their wdf.
std::vector<std::string> contents(const fs::path& dir) {
  const Xapian::Database db((dir / "xapian").string());
  std::vector<std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string line =
        std::to_string(*it) + " " + kavosh::schema::Record::from_data(doc.get_data()).id;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      line += " " + *term + ":" + std::to_string(term.get_wdf());
    }
    out.push_back(std::move(line));
  }
  return out;
}

// The FarsNews articles split over several files, with a duplicate id and a
// broken line; empty (the test skipped) if the shared corpora are absent.
fs::path make_corpus(const TempDir& tmp) {
  const auto fars = kavosh::test::corpus_file("farsnews/docs.jsonl");
  if (!fars) {
    return {};
  }
  std::ifstream in(*fars);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  lines.insert(lines.begin() + 5, lines[3]);
  lines.push_back("{\"id\": \"broken\", \"body\": ");
  const fs::path corpus = tmp / "corpus";
  for (std::size_t part = 0; part * 400 < lines.size(); ++part) {
    std::string text;
    for (std::size_t i = part * 400; i < std::min(lines.size(), (part + 1) * 400); ++i) {
      text += lines[i] + "\n";
    }
    kavosh::test::write_file(corpus / ("part-" + std::to_string(part) + ".jsonl"), text);
  }
  return corpus;
}

}  // namespace

TEST_CASE("the index is the same whatever the number of analysis threads",
          "[indexer][jobs][corpora]") {
  TempDir tmp;
  const fs::path corpus = make_corpus(tmp);
  if (corpus.empty()) {
    return;
  }
  const kavosh::IndexSummary one = index(corpus, tmp / "one", 1);
  const kavosh::IndexSummary four = index(corpus, tmp / "four", 4);
  CHECK(one.added == 1491);
  CHECK(one.skipped == 2);  // the duplicate and the broken line
  CHECK(four.added == one.added);
  CHECK(four.skipped == one.skipped);
  CHECK(four.batches == one.batches);
  CHECK(contents(tmp / "four") == contents(tmp / "one"));
}

TEST_CASE("a parallel run skips unchanged articles and replaces changed ones in place",
          "[indexer][jobs][incremental][corpora]") {
  TempDir tmp;
  const fs::path corpus = make_corpus(tmp);
  if (corpus.empty()) {
    return;
  }
  REQUIRE(index(corpus, tmp / "index", 4).added == 1491);
  const std::vector<std::string> before = contents(tmp / "index");

  SECTION("nothing changed: every file is skipped") {
    const kavosh::IndexSummary again = index(corpus, tmp / "index", 4);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 1491);
    CHECK(contents(tmp / "index") == before);
  }
  SECTION("one article edited: only it is analyzed again, under its docid") {
    const fs::path part = corpus / "part-1.jsonl";
    std::ifstream in(part);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::size_t at = text.find("\"body\": \"") + 9;
    text.insert(at, "خبر فوری: ");
    kavosh::test::write_file(part, text);
    const kavosh::IndexSummary again = index(corpus, tmp / "index", 4);
    CHECK(again.added == 0);
    CHECK(again.updated == 1);
    CHECK(again.unchanged == 1490);
    const std::vector<std::string> after = contents(tmp / "index");
    REQUIRE(after.size() == before.size());
    std::size_t changed = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
      CHECK(after[i].substr(0, after[i].find(' ', after[i].find(' ') + 1)) ==
            before[i].substr(0, before[i].find(' ', before[i].find(' ') + 1)));
      changed += after[i] != before[i] ? 1 : 0;
    }
    CHECK(changed == 1);
  }
}
