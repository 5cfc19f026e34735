// The text of a .txt article: blanks as archives write them, and the split
// into title and body.
#ifndef KAVOSH_INDEXER_ARTICLE_TEXT_H_
#define KAVOSH_INDEXER_ARTICLE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/article.h"

namespace kavosh {

// Length of the blank character that starts `s`, or 0. Besides ASCII
// whitespace, archives pad text with NBSP, zero-width and bidi marks.
std::size_t blank_prefix(std::string_view s);
// Length of the blank character that ends `s`, or 0.
std::size_t blank_suffix(std::string_view s);
// `s` without the blank characters at either end.
std::string_view trim(std::string_view s);
// True if `s` holds nothing but blank characters.
bool is_blank(std::string_view s);

// Title: the first non-blank line, trimmed. Body: the lines after it, from
// the first non-blank one, with trailing blanks trimmed; a one-line article
// is its own body, so its words are searched too. `text` is moved into the
// body.
void split_text(std::string&& text, Article& article);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ARTICLE_TEXT_H_
