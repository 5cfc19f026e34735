// Lucene++ headers are found through their own directory (they include one
// another by bare name), so this file is built in a target of its own.
#include <ContribInc.h>
#include <LuceneHeaders.h>
#include <MultiFieldQueryParser.h>
#include <PersianAnalyzer.h>

#include <stdexcept>
#include <string>

#include "bench/relevance/systems.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

const Lucene::String kId = L"id";
const Lucene::String kTitle = L"title";
const Lucene::String kBody = L"body";
// The title weight FTS5 and Xapian get here.
constexpr double kTitleBoost = 2.0;

// QueryParser::escape is protected in Lucene++, so escape as it would; ASCII
// letters are lowered so that AND, OR and NOT stay words, not operators.
Lucene::String escape(const Lucene::String& text) {
  static const Lucene::String kSpecial = L"\\+-!():^[]\"{}~*?|&/";
  Lucene::String out;
  for (const wchar_t c : text) {
    if (kSpecial.find(c) != Lucene::String::npos) {
      out += L'\\';
    }
    out += (c >= L'A' && c <= L'Z') ? static_cast<wchar_t>(c - L'A' + L'a') : c;
  }
  return out;
}

std::runtime_error translate(const Lucene::LuceneException& e) {
  return std::runtime_error("Lucene++: " + Lucene::StringUtils::toUTF8(e.getError()));
}

class LuceneSystem : public System {
 public:
  void index(const Dataset& dataset, const std::vector<Document>& documents,
             const fs::path& work_dir) override;
  Run search(const std::vector<Query>& queries, std::size_t depth) override;

 private:
  Lucene::AnalyzerPtr analyzer_;
  Lucene::RAMDirectoryPtr directory_;
};

void LuceneSystem::index(const Dataset& /*dataset*/, const std::vector<Document>& documents,
                         const fs::path& /*work_dir*/) {
  using namespace Lucene;
  try {
    analyzer_ = newLucene<PersianAnalyzer>(LuceneVersion::LUCENE_CURRENT);
    directory_ = newLucene<RAMDirectory>();
    const IndexWriterPtr writer =
        newLucene<IndexWriter>(directory_, analyzer_, true, IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setRAMBufferSizeMB(64);
    for (const Document& doc : documents) {
      const DocumentPtr ldoc = newLucene<Lucene::Document>();
      ldoc->add(newLucene<Field>(kId, StringUtils::toUnicode(doc.id), Field::STORE_YES,
                                 Field::INDEX_NOT_ANALYZED));
      ldoc->add(newLucene<Field>(kTitle, StringUtils::toUnicode(doc.title), Field::STORE_NO,
                                 Field::INDEX_ANALYZED));
      ldoc->add(newLucene<Field>(kBody, StringUtils::toUnicode(doc.body), Field::STORE_NO,
                                 Field::INDEX_ANALYZED));
      writer->addDocument(ldoc);
    }
    writer->optimize();
    writer->close();
  } catch (const LuceneException& e) {
    throw translate(e);
  }
}

Run LuceneSystem::search(const std::vector<Query>& queries, std::size_t depth) {
  using namespace Lucene;
  try {
    const IndexSearcherPtr searcher = newLucene<IndexSearcher>(directory_, true);
    Collection<String> fields = Collection<String>::newInstance();
    fields.add(kTitle);
    fields.add(kBody);
    MapStringDouble boosts = MapStringDouble::newInstance();
    boosts.put(kTitle, kTitleBoost);
    boosts.put(kBody, 1.0);
    const QueryParserPtr parser =
        newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_CURRENT, fields, analyzer_, boosts);
    Run run;
    for (const kavosh::bench::Query& query : queries) {
      QueryPtr parsed;
      try {
        parsed = parser->parse(escape(StringUtils::toUnicode(query.text)));
      } catch (const LuceneException&) {
        continue;  // e.g. nothing left after the analyzer
      }
      const TopDocsPtr top = searcher->search(parsed, static_cast<int32_t>(depth));
      Ranking& ranking = run[query.id];
      for (const ScoreDocPtr& hit : top->scoreDocs) {
        ranking.push_back(StringUtils::toUTF8(searcher->doc(hit->doc)->get(kId)));
      }
    }
    searcher->close();
    return run;
  } catch (const LuceneException& e) {
    throw translate(e);
  }
}

}  // namespace

std::unique_ptr<System> make_lucene_persian() { return std::make_unique<LuceneSystem>(); }

}  // namespace kavosh::bench
