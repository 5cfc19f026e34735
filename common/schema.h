// The on-disk contract between kavosh-index and the searcher: directory
// layout, Xapian terms, value slots and metadata keys, and the record kept
// as each Xapian document's data.
#ifndef KAVOSH_COMMON_SCHEMA_H_
#define KAVOSH_COMMON_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::schema {

// Bumped whenever the layout below changes incompatibly.
inline constexpr int kSchemaVersion = 6;

// INDEX_DIR/xapian holds the Xapian database, INDEX_DIR/metadata.sqlite the
// per-document metadata.
inline constexpr std::string_view kXapianDir = "xapian";
inline constexpr std::string_view kSqliteFile = "metadata.sqlite";

// Term prefixes (Xapian's conventions where one exists). A term is built
// only by the functions at the end of this file, on both sides.
inline constexpr std::string_view kIdPrefix = "Q";       // unique external id
inline constexpr std::string_view kTitlePrefix = "S";    // title words
inline constexpr std::string_view kStemPrefix = "Z";     // stems, without positions
inline constexpr std::string_view kSourcePrefix = "XS";  // normalized source name
// Normalized category ("sports/football-iran", and each of its parents:
// "sports"), tag and author, each whole.
inline constexpr std::string_view kCategoryPrefix = "XC";
inline constexpr std::string_view kTagPrefix = "K";     // Xapian's "keyword"
inline constexpr std::string_view kAuthorPrefix = "A";  // Xapian's "author"
// Near-duplicate band: the band's number and hash (indexer/near_dup.h).
inline constexpr std::string_view kBandPrefix = "XB";

// Value slots.
inline constexpr unsigned kDateSlot = 0;       // sortable_serialise(days since 1970-01-01)
inline constexpr unsigned kSourceSlot = 1;     // source as written
inline constexpr unsigned kHashSlot = 2;       // content hash, hex
inline constexpr unsigned kSignatureSlot = 3;  // near-duplicate MinHash signature
inline constexpr unsigned kClusterSlot = 4;    // near-duplicate cluster: collapse key
// Number of the corpus root the document was read from, decimal; absent for
// root 0 (and in indexes made before roots were recorded).
inline constexpr unsigned kRootSlot = 5;

// Xapian user metadata, committed atomically with the documents.
inline constexpr std::string_view kMetaSchema = "kavosh:schema";
inline constexpr std::string_view kMetaAnalyzer = "kavosh:analyzer";
// Number of the last committed batch; SQLite records the same number in the
// same batch, so a difference means SQLite missed the last commit.
inline constexpr std::string_view kMetaBatch = "kavosh:batch";
// The corpus roots the index was built from (JSON; indexer/roots.h).
inline constexpr std::string_view kMetaRoots = "kavosh:roots";
// The analysis features the index was built without, as ablated_names()
// writes them (common/features.h); absent or empty: all on.
inline constexpr std::string_view kMetaFeatures = "kavosh:ablated";

// Title words get this within-document frequency, so they count more.
inline constexpr unsigned kTitleWdf = 4;
// Gap between title and body positions, so phrases do not span them.
inline constexpr unsigned kBodyPositionGap = 100;
// Xapian rejects terms longer than 245 bytes; longer words are not indexed.
inline constexpr std::size_t kMaxTermBytes = 200;

// What the searcher needs of a document without touching SQLite (remote
// shards have none). Stored in the Xapian document data in a compact binary
// form (schema.cc); version 2 stored JSON, version 4 no date_written,
// date_calendar or date_origin, version 5 no category, tags or author.
struct Record {
  std::string id;
  std::string path;
  std::uint64_t line = 0;
  std::string title;
  std::string body;  // original text, for snippets
  std::string source;
  std::string url;
  std::string date_gregorian;  // "2025-12-12" or empty
  std::string date_jalali;     // "1404/09/21" or empty
  // The date as the article wrote it: "جمعه ۲۱ آذر ۱۴۰۴",
  // "2025-12-12T08:30:00+03:30", "۲۰ جمادی‌الثانی ۱۴۴۷"; empty if undated.
  std::string date_written;
  std::string date_calendar;  // "jalali", "gregorian", "hijri" or empty
  // Where the date was found: "metadata" (the date field), "url", "path",
  // "head" (the title or the body's first paragraph), or empty.
  std::string date_origin;
  std::uint64_t size = 0;  // bytes of title + body
  std::string hash;        // content hash, hex
  std::string category;    // as written, or empty
  std::vector<std::string> tags;
  std::string author;  // as written, or empty

  // Ill-formed UTF-8 in a field is stored as U+FFFD.
  std::string to_data() const;
  // Throws std::runtime_error on data that is not a record.
  static Record from_data(std::string_view data);
};

// The unique term of an external id (long ids are hashed to fit a term).
std::string id_term(std::string_view id);

// `prefix` + `word` in `buffer`, which is returned: the terms below are
// built with it, and loops that build many reuse one buffer.
inline const std::string& make_term(std::string& buffer, std::string_view prefix,
                                    std::string_view word) {
  buffer.assign(prefix);
  buffer += word;
  return buffer;
}

// A word of the title, in the title's own terms (title:, proximity).
inline std::string title_term(std::string_view word) {
  std::string term;
  return make_term(term, kTitlePrefix, word);
}
// A stem (common/stemmer.h).
inline std::string stem_term(std::string_view stem) {
  std::string term;
  return make_term(term, kStemPrefix, stem);
}
// A normalize()d source name.
inline std::string source_term(std::string_view normalized_source) {
  std::string term;
  return make_term(term, kSourcePrefix, normalized_source);
}
// A normalize()d category, tag or author under its prefix (kCategoryPrefix,
// kTagPrefix, kAuthorPrefix).
inline std::string field_term(std::string_view prefix, std::string_view normalized_value) {
  std::string term;
  return make_term(term, prefix, normalized_value);
}
// A near-duplicate band.
inline std::string band_term(std::string_view band) {
  std::string term;
  return make_term(term, kBandPrefix, band);
}
inline bool is_band_term(std::string_view term) { return term.starts_with(kBandPrefix); }

// Whether `term` has a prefix, not a word: every prefix starts with an
// upper-case ASCII letter (Xapian's convention), and normalize() leaves no
// upper-case letter in a word.
inline bool is_prefixed(std::string_view term) {
  return !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
}
// The stem of a stem term; empty for any other term.
inline std::string_view stem_of_term(std::string_view term) {
  return term.starts_with(kStemPrefix) ? term.substr(kStemPrefix.size()) : std::string_view();
}

}  // namespace kavosh::schema

#endif  // KAVOSH_COMMON_SCHEMA_H_
