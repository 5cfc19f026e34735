// An article written as one JSON object: the fields .json and .jsonl files
// give, and why a document is not an article.
#ifndef KAVOSH_INDEXER_ARTICLE_JSON_H_
#define KAVOSH_INDEXER_ARTICLE_JSON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"

namespace kavosh {

// Why `text` (one JSON document) is not an article, or nullopt when
// `article` got its fields from it: id, title, body, date, source, url,
// category, author (strings; numbers accepted for id) and tags (a string or
// a list of strings), all but body optional. Byte offsets in reasons count
// from `offset`.
std::optional<std::string> parse_json_article(std::string_view text, std::size_t offset,
                                              Article& article);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ARTICLE_JSON_H_
