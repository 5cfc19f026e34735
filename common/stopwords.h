// Persian stopwords, used to weight queries (never to drop words from the
// index): see stopwords.cc for the source, its license and the review.
#ifndef KAVOSH_COMMON_STOPWORDS_H_
#define KAVOSH_COMMON_STOPWORDS_H_

#include <string_view>

namespace kavosh {

// Whether a normalize()d term is a stopword ("و", "از", "می", "های").
bool is_stopword(std::string_view term);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_STOPWORDS_H_
