// Switches for each analysis feature, so the relevance benchmark can measure
// what every rule buys (ablation). All are on unless turned off by name,
// e.g. KAVOSH_ABLATE=stem,zwnj, which only the programs read (kavosh-index,
// kavosh-search, bench/relevance): the libraries take Features as a value
// (IndexOptions::features, SearchOptions::ablate). Meant for benchmarks and
// diagnosis, not for production use.
//
// The features that change what is indexed (kIndexSide) are recorded in the
// index (schema::kMetaFeatures), and the searcher uses those, so an index
// built under an ablation is searched consistently.
#ifndef KAVOSH_COMMON_FEATURES_H_
#define KAVOSH_COMMON_FEATURES_H_

#include <string>
#include <string_view>
#include <vector>

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
  bool rare_tiers = true;
  bool typed_tier = true;  // the few documents with every word as typed rank first     // longer
                           // queries: the few documents with every word rank first

  bool operator==(const Features&) const = default;
};

// The names ablate() accepts, comma-separated.
inline constexpr std::string_view kFeatureNames =
    "letters,digits,marks,zwnj,orthography,stem,stopwords,tiers,feedback,proximity,feedback_gate,"
    "rare_tiers,typed_tier";

// `base` with the features named in `list` (comma-separated) turned off.
// Names it does not know are added to `unknown`, if given.
Features ablate(std::string_view list, Features base = {},
                std::vector<std::string>* unknown = nullptr);

// The names of the features off in `f`, comma-separated, in kFeatureNames
// order; empty when all are on. ablate(ablated_names(f)) == f.
std::string ablated_names(const Features& f);

// `query` with the features that change what is indexed (letters, digits,
// marks, zwnj, orthography, stem) taken from `index`.
Features with_index_side(const Features& query, const Features& index);

// The features of the calling thread's current work: those of the
// innermost FeaturesScope, all on outside any. The analysis functions
// (normalize, tokenize, is_stopword) and the query builder read them.
const Features& features();

// Sets features() for the calling thread while it lives. The indexer holds
// one in each of its threads, the searcher in each call.
class FeaturesScope {
 public:
  explicit FeaturesScope(const Features& f);
  ~FeaturesScope();
  FeaturesScope(const FeaturesScope&) = delete;
  FeaturesScope& operator=(const FeaturesScope&) = delete;

 private:
  const Features* previous_;
};

}  // namespace kavosh

#endif  // KAVOSH_COMMON_FEATURES_H_
