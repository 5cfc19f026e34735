// Switches for each analysis feature, so the relevance benchmark can measure
// what every rule buys (ablation). All features are on unless the environment
// variable KAVOSH_ABLATE lists them, comma-separated, e.g.
//   KAVOSH_ABLATE=stem,zwnj kavosh-index ...
// An index must be searched with the same setting it was built with. Meant
// for benchmarks and diagnosis, not for production use.
#ifndef KAVOSH_COMMON_FEATURES_H_
#define KAVOSH_COMMON_FEATURES_H_

#include <string_view>

namespace kavosh {

struct Features {
  bool letters = true;        // Arabic/Persian yeh, kaf, heh, alef, waw unification
  bool digits = true;         // Persian and Arabic-Indic digits to ASCII
  bool marks = true;          // harakat, tatweel removal
  bool zwnj = true;           // half-space compounds: parts indexed, query joins/splits
  bool orthography = true;    // hamza seats and old/new spellings
  bool stem = true;           // light stemming
  bool stopwords = true;      // stopwords weigh less in queries
  bool tiers = true;          // documents with every query word rank first
  bool feedback = true;       // keyword queries expanded from their top documents
  bool proximity = true;      // unquoted words adjacent and in order rank first
  bool feedback_gate = true;  // no feedback where the words stand together in one document
  bool rare_tiers = true;     // longer queries: the few documents with every word rank first
};

// The process-wide switches, read once from KAVOSH_ABLATE.
const Features& features();

// The names KAVOSH_ABLATE accepts, comma-separated.
inline constexpr std::string_view kFeatureNames =
    "letters,digits,marks,zwnj,orthography,stem,stopwords,tiers,feedback,proximity,feedback_gate,"
    "rare_tiers";

}  // namespace kavosh

#endif  // KAVOSH_COMMON_FEATURES_H_
