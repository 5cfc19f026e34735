// A light, conservative stemmer for Persian, written for Kavosh.
#ifndef KAVOSH_COMMON_STEMMER_H_
#define KAVOSH_COMMON_STEMMER_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/tokenizer.h"

namespace kavosh {

// The stem of a normalize()d word: plural (ها، های، ان، ات، ین، گان),
// comparative and superlative (تر، ترین), ezafe and indefinite ی, clitics
// after plurals (هایشان), the continuous prefix می/نمی with person endings,
// and person endings on past stems (کردند -> کرد) are removed.
//
// Conservative by design: a suffix comes off only when what remains is long
// enough and a known trap is not hit, so unrelated words stay apart
// ("ایران", "تهران", "زمان", "انسان" are not plurals; "تنها" is not تن+ها;
// "مردم" is not مرد+م; "خدمات" stays). Words with digits or Latin letters
// are returned unchanged. Deterministic and thread-safe.
std::string stem(std::string_view word);

// The stem of a half-space compound from its parts ("خانه", "ای"): trailing
// parts that are suffixes come off and a leading می/نمی marks a verb. The
// half-space settles what the joined spelling leaves open ("خانه‌ای" is
// خانه + ای; "خانهای" could be خان + های).
std::string stem_parts(const std::vector<std::string>& parts);

// The stem of a token, the one rule the index and the query share: a
// half-space compound by its parts (stem_parts), any other word whole
// (stem). Cached per thread: the reference is valid until this thread's
// next call of stem_token() or stem_cached().
const std::string& stem_token(const Token& token);

// stem(word), through the same per-thread cache as stem_token().
const std::string& stem_cached(const std::string& word);

// Whether `part`, written after a half-space, is a suffix rather than a word
// of its own: plural (ها، های), comparative (تر، ترین), ezafe and indefinite
// (ای، ی), clitic (ام، اش، شان، هایشان) or verb ending (اند، ایم). One table
// (stemmer.cc) for the stemmer and the query.
bool is_half_space_suffix(std::string_view part);

// Whether the query may split `part` off a word typed without its
// half-space (searcher/src/query_builder.cc): every half-space suffix but
// the few the table marks.
bool splits_off_as_suffix(std::string_view part);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_STEMMER_H_
