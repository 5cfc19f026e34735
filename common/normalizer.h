// Persian text normalization: one function, used for index terms and query
// terms alike, so both sides agree byte for byte.
#ifndef KAVOSH_COMMON_NORMALIZER_H_
#define KAVOSH_COMMON_NORMALIZER_H_

#include <string>
#include <string_view>

namespace kavosh {

// Version of the analysis rules (normalizer, tokenizer). An index records the
// version it was built with; a searcher or indexer with another refuses it.
inline constexpr int kAnalyzerVersion = 2;

// Normalizes a word (or any text) for matching:
//  - ICU NFKC with case folding (presentation forms folded, Latin lower-cased,
//    default-ignorable marks removed: ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen, BOM);
//  - Arabic yeh and alef maksura to Persian yeh, Arabic kaf to Persian kaf,
//    teh marbuta and heh with hamza to heh, alefs with hamza or madda to alef,
//    waw with hamza to waw;
//  - harakat, superscript alef and tatweel removed;
//  - Persian and Arabic-Indic digits to ASCII; the Arabic thousands separator
//    removed and the Arabic decimal separator to '.'.
//  - hamza seats folded (رئیس/رییس, هیئت/هیأت/هیات, مسئول/مسؤول/مسوول) and
//    a few old spellings mapped to the new (اطاق -> اتاق, طهران -> تهران);
//  - commas inside numbers removed ("1,234" is 1234).
// Removing ZWNJ means "رئیس‌جمهور" and "رئیسجمهور" normalize alike.
// Each group of rules can be switched off for measurement (common/features.h).
// Ill-formed UTF-8 becomes U+FFFD. The result is a fixed point: normalizing it
// again changes nothing.
std::string normalize(std::string_view text);

// The letters and digits Arabic writes otherwise than Persian, as Persian
// writes them: Arabic yeh and alef maksura to Persian yeh, Arabic kaf to
// Persian kaf, alef with hamza above or below to alef, teh marbuta to heh,
// Persian and Arabic-Indic digits to ASCII; any other code point unchanged.
// The one letter table normalize() and the date folding (common/text_fold.h)
// share.
char32_t fold_letter(char32_t c);

}  // namespace kavosh

#endif  // KAVOSH_COMMON_NORMALIZER_H_
