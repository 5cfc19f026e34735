// Finding one document by what results print of it, and reading it whole.
#ifndef KAVOSH_SEARCHER_ARTICLE_H_
#define KAVOSH_SEARCHER_ARTICLE_H_

#include <xapian.h>

#include <optional>
#include <string_view>

#include "common/schema.h"
#include "kavosh/searcher.h"

namespace kavosh {

// The document `id` names: its external id, else a place as results print
// it, "path:line" of a JSONL line or the path of a file. A place is found by
// reading every document's record: slower than an id on a large index.
std::optional<Xapian::docid> locate_document(const Xapian::Database& db, std::string_view id);

// The metadata of a record as a hit shows it (no snippet, rank or score).
Hit hit_of(const schema::Record& record);

// The document `docid` whole, the words of `query` (if any) highlighted, with
// the other members of its near-duplicate cluster.
ArticleView read_article(const Xapian::Database& db, Xapian::docid docid, std::string_view query);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_ARTICLE_H_
