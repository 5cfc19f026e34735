// The agency an article names as its source.
#ifndef KAVOSH_INDEXER_ARTICLE_SOURCE_H_
#define KAVOSH_INDEXER_ARTICLE_SOURCE_H_

#include <optional>
#include <string>
#include <string_view>

namespace kavosh {

// The agency named in the attribution formula "به گزارش X،" (also with a
// Latin comma, or "به گزارش خبرگزاری X"), trimmed; nullopt if the text has none.
// Spelling variants (Arabic yeh/kaf, ZWNJ) are kept as written.
std::optional<std::string> find_source(std::string_view text);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ARTICLE_SOURCE_H_
