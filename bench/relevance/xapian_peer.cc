#include <xapian.h>

#include <stdexcept>
#include <string>

#include "bench/relevance/systems.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

// Title words count twice, body words once: the idiom of Xapian's own
// examples, and the weight FTS5 and Lucene++ get here.
constexpr Xapian::termcount kTitleWdf = 2;

class XapianSystem : public System {
 public:
  void index(const Dataset& dataset, const std::vector<Document>& documents,
             const fs::path& work_dir) override;
  Run search(const std::vector<Query>& queries, std::size_t depth) override;

 private:
  std::unique_ptr<Xapian::Database> db_;
};

void XapianSystem::index(const Dataset& /*dataset*/, const std::vector<Document>& documents,
                         const fs::path& work_dir) {
  const std::string path = (work_dir / "xapian").string();
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;  // no stemmer, no stopper
    for (const Document& doc : documents) {
      Xapian::Document xdoc;
      generator.set_document(xdoc);
      generator.index_text(doc.title, kTitleWdf);
      generator.increase_termpos();
      generator.index_text(doc.body);
      xdoc.set_data(doc.id);
      db.add_document(xdoc);
    }
    db.commit();
    db.close();
    db_ = std::make_unique<Xapian::Database>(path);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("Xapian: " + path + ": " + e.get_description());
  }
}

Run XapianSystem::search(const std::vector<Query>& queries, std::size_t depth) try {
  Xapian::QueryParser parser;  // default flags and OP_OR; no stemmer
  parser.set_database(*db_);
  Xapian::Enquire enquire(*db_);  // BM25Weight is the default
  Run run;
  for (const Query& query : queries) {
    Xapian::Query parsed;
    try {
      parsed = parser.parse_query(query.text);
    } catch (const Xapian::QueryParserError&) {
      continue;
    }
    enquire.set_query(parsed);
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    Ranking& ranking = run[query.id];
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      ranking.push_back(it.get_document().get_data());
    }
  }
  return run;
} catch (const Xapian::Error& e) {
  throw std::runtime_error("Xapian: " + e.get_description());
}

}  // namespace

std::unique_ptr<System> make_xapian_plain() { return std::make_unique<XapianSystem>(); }

}  // namespace kavosh::bench
