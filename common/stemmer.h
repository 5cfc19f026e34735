// A light, conservative stemmer for Persian, written for Kavosh.
#ifndef KAVOSH_COMMON_STEMMER_H_
#define KAVOSH_COMMON_STEMMER_H_

#include <string>
#include <string_view>
#include <vector>

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

}  // namespace kavosh

#endif  // KAVOSH_COMMON_STEMMER_H_
