// Test helper: a small index of a few Persian articles, built by the real
// kavosh-index in a temporary folder and opened as the searcher's internals
// open it, so that a unit test can call them directly.
#ifndef KAVOSH_TESTS_TINY_INDEX_H_
#define KAVOSH_TESTS_TINY_INDEX_H_

#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/schema.h"
#include "tests/process.h"

namespace kavosh::test {

// One JSONL line of a corpus; empty fields are left out.
struct TinyArticle {
  std::string id;
  std::string title;
  std::string body;
  std::string source;
  std::string date;  // as the corpus writes it: "1404/09/21", "2025-12-12"
  std::string category;
};

class TinyIndex {
 public:
  explicit TinyIndex(const std::vector<TinyArticle>& articles) {
    std::string lines;
    for (const TinyArticle& a : articles) {
      nlohmann::json line{{"id", a.id}, {"title", a.title}, {"body", a.body}};
      const auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
          line[key] = value;
        }
      };
      put("source", a.source);
      put("date", a.date);
      put("category", a.category);
      lines += line.dump() + "\n";
    }
    write_file(dir_ / "corpus" / "news.jsonl", lines);
    const Run indexed = run({KAVOSH_INDEX_BIN, (dir_ / "corpus").string(), "--index",
                             (dir_ / "index").string(), "--quiet"});
    INFO(indexed.err);
    REQUIRE(indexed.status == 0);
    db_ = Xapian::Database((dir_.path() / "index" / schema::kXapianDir).string());
  }

  const Xapian::Database& db() const { return db_; }

  // The ids of the documents `query` matches, sorted.
  std::vector<std::string> ids(const Xapian::Query& query) const {
    std::vector<std::string> out;
    if (query.empty()) {
      return out;
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.push_back(schema::Record::from_data(it.get_document().get_data()).id);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The ids of the documents `query` matches, best first.
  std::vector<std::string> ranked(const Xapian::Query& query) const {
    std::vector<std::string> out;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.push_back(schema::Record::from_data(it.get_document().get_data()).id);
    }
    return out;
  }

 private:
  TempDir dir_;
  Xapian::Database db_;
};

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_TINY_INDEX_H_
