#include "searcher/src/hits.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <new>
#include <optional>
#include <utility>

#include "searcher/src/article.h"
#include "searcher/src/query_builder.h"

namespace kavosh {
namespace {

// Sort keys for date order: the date slot, with undated documents last
// whichever way the dates run.
class DateKey : public Xapian::KeyMaker {
 public:
  explicit DateKey(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string value = doc.get_value(schema::kDateSlot);
    if (value.empty()) {
      return newest_first_ ? std::string() : std::string(1, '\xff');
    }
    return value;
  }

 private:
  bool newest_first_;
};

}  // namespace

Xapian::MSet run(const Xapian::Database& db, const Xapian::Query& query, std::size_t offset,
                 std::size_t limit, const SearchOptions& options, std::size_t exact_count) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  if (options.collapse) {
    enquire.set_collapse_key(schema::kClusterSlot);
  }
  if (options.sort != Sort::kRelevance) {
    const bool newest = options.sort == Sort::kNewest;
    enquire.set_sort_by_key_then_relevance((new DateKey(newest))->release(), newest);
  }
  if (db.get_doccount() <= kSmallIndex) {
    exact_count = kSmallIndex;
  }
  return enquire.get_mset(static_cast<Xapian::doccount>(offset),
                          static_cast<Xapian::doccount>(limit),
                          static_cast<Xapian::doccount>(std::max(offset + limit, exact_count)));
}

schema::Record read_record(const Xapian::MSetIterator& it) {
  try {
    return schema::Record::from_data(it.get_document().get_data());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Error::kCorruption, fmt::format("document {}: {}", *it, e.what()));
  }
}

void add_hits(const Xapian::MSet& set, Xapian::doccount from, const Matcher& matcher,
              const SearchOptions& options, std::size_t& rank, Results& results,
              const CollapseCounts* collapsed) {
  for (auto it = from < set.size() ? set[from] : set.end(); it != set.end(); ++it) {
    const schema::Record record = read_record(it);
    Hit hit = hit_of(record);
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.similar = 0;
    if (options.collapse) {
      const auto known = collapsed ? collapsed->find(*it) : CollapseCounts::const_iterator();
      hit.similar =
          collapsed && known != collapsed->end() ? known->second : it.get_collapse_count();
    }
    if (options.snippets) {
      Snippet snippet = make_snippet(record.body, matcher, options.snippet_bytes);
      hit.snippet = std::move(snippet.text);
      hit.snippet_highlights = std::move(snippet.highlights);
      hit.title_highlights = highlight(hit.title, matcher);
    }
    results.hits.push_back(std::move(hit));
  }
}

FoundDocument find_document(const Xapian::Database& db, std::string_view id, const char* option) {
  const std::optional<Xapian::docid> docid = locate_document(db, id);
  if (!docid) {
    throw Error(Error::kNotFound, fmt::format("no document with id or place \"{}\"", id),
                Location{option});
  }
  const Xapian::Document doc = db.get_document(*docid);
  std::string own_id = std::string(id);
  try {
    own_id = schema::Record::from_data(doc.get_data()).id;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Error::kCorruption, fmt::format("document {}: {}", *docid, e.what()));
  }
  return {*docid, std::move(own_id), doc.get_value(schema::kClusterSlot)};
}

}  // namespace kavosh
