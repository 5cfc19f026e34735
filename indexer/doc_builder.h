// Turns an article into a Xapian document and its metadata record: analysis,
// date and source detection, content hash. Pure: safe to run on many threads.
#ifndef KAVOSH_INDEXER_DOC_BUILDER_H_
#define KAVOSH_INDEXER_DOC_BUILDER_H_

#include <xapian.h>

#include "common/article.h"
#include "common/schema.h"

namespace kavosh {

struct BuiltDoc {
  // The document's record, without its body (which is in the document data).
  schema::Record record;
  Xapian::Document document;
};

// The content hash of an article: changes whenever anything the index keeps
// of it changes (text, metadata, where it lives).
std::string content_hash(const Article& article);

// Builds the document. Dates: as article_date() finds them, refusing dates
// after the day the process first built a document. Source: the "source"
// field, else the agency of "به گزارش X،". Category, tags and author become
// boolean terms (schema.h).
BuiltDoc build_document(Article&& article);
// The same, for an article whose content_hash() is already known.
BuiltDoc build_document(Article&& article, std::string hash);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_DOC_BUILDER_H_
