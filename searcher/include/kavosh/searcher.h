// Searching a Kavosh index from C++.
//
// ABI policy. Searcher is a handle over a private Impl: its size and layout
// never change. The plain structs (SearchOptions, Hit, Results, ...) and
// the enums are part of the ABI: adding, removing or reordering a field or
// an enumerator changes it, and the library's SOVERSION (the major version)
// is bumped when a release does; a minor release never does. Code built
// against this header links against any library of the same major version.
#ifndef KAVOSH_SEARCHER_H_
#define KAVOSH_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/error.h"
#include "kavosh/export.h"

namespace kavosh {

enum class Sort {
  kRelevance,  // BM25 (with the recency boost when recency_half_life_days > 0)
  kNewest,     // newest first; documents without a date last
  kOldest,     // oldest first; documents without a date last
};

struct SearchOptions {
  // Results per page; any number past 2^31 asks for all. Default: 10.
  std::size_t limit = 10;
  // Results to skip, for paging. Default: 0.
  std::size_t offset = 0;
  // Approximate snippet length in bytes. Default: 300.
  std::size_t snippet_bytes = 300;
  // Make snippets and highlights; without, hits carry metadata only (faster
  // for programs that need just ids). Default: true.
  bool snippets = true;
  // Suggest a corrected query when fewer documents than this match. Default: 3.
  std::size_t suggest_below = 3;

  // Only documents dated in this period: Jalali or Gregorian, in any digits,
  // possibly partial ("1404/09" is all of Azar 1404, "1404" the whole year,
  // "2025-12" December 2025); a partial `date_to` includes its whole period.
  // Empty: open. Default: both empty.
  std::string date_from;
  std::string date_to;
  // Only documents from these sources (any of them), matched after
  // normalization ("ايلنا" = "ایلنا"). Default: all sources.
  std::vector<std::string> sources;
  // Order of results. Default: Sort::kRelevance.
  Sort sort = Sort::kRelevance;
  // With Sort::kRelevance, favour recent documents: a document dated `age`
  // days before the newest one in the index scores
  //   BM25 + 0.5 * top * 2^(-age / recency_half_life_days)
  // where `top` is the best BM25 score of the query. 0 turns it off. Default: 0.
  double recency_half_life_days = 0;
  // Count the matching documents by source and by Jalali month and year.
  // Default: false.
  bool facets = false;
  // Show each cluster of near-duplicates (a wire story republished with
  // small edits) as its best hit, with Hit::similar counting the rest.
  // Default: true.
  bool collapse = true;
  // Search the query as typed even when it finds nothing and a correction
  // of it would find something. Default: false: a query of up to
  // kMaxCorrectedWords words that finds nothing is searched as corrected,
  // and Results::corrected_from keeps it as typed (a longer one, pasted
  // text most likely, only gets Results::suggestion).
  bool exact = false;
  // For measurement: analysis and ranking features to turn off, by name,
  // comma-separated (stopwords, tiers, feedback, proximity, feedback_gate;
  // docs/ANALYSIS.md). The analysis features (letters, digits, marks,
  // zwnj, orthography, stem) are those the index was built with, whatever
  // this says. Default: empty, every feature on.
  std::string ablate;
  // Fill Results::query_description, for diagnosis. Default: false.
  bool describe_query = false;
};

// The calendar a date was written in.
enum class Calendar { kUnknown, kJalali, kGregorian, kHijri };
// Where a document's date was found.
enum class DateOrigin {
  kUnknown,   // undated
  kMetadata,  // the article's date field
  kUrl,       // its URL: farsnews.ir/news/13900606121623
  kPath,      // its file's path: 1404/09/21/...
  kHead,      // its title or first paragraph
};
// Their names, as kavosh-search --json writes them: "jalali", "gregorian",
// "hijri"; "metadata", "url", "path", "head"; empty for kUnknown.
KAVOSH_EXPORT std::string_view to_string(Calendar calendar);
KAVOSH_EXPORT std::string_view to_string(DateOrigin origin);

// A byte range [begin, end) within a string of the result.
struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result of the query
  double score = 0;
  std::string id;          // the document's external id
  std::string path;        // file it was read from, relative to the corpus root
  std::uint64_t line = 0;  // line in a JSONL file, 0 otherwise
  std::string title;
  std::string source;  // agency, empty when unknown
  std::string url;
  std::string date_gregorian;  // "2025-12-12", empty when unknown
  std::string date_jalali;     // "1404/09/21", empty when unknown
  // The date as the article wrote it, which the two above convert:
  // "2025-12-12T08:30:00+03:30", "جمعه ۲۱ آذر ۱۴۰۴",
  // "۲۰ جمادی‌الثانی ۱۴۴۷". A timestamp with a zone is dated by the day it
  // fell on in Tehran. A Hijri date is used only when the article gives no
  // other, and may be a day off Iran's official calendar. Empty when unknown.
  std::string date_written;
  Calendar date_calendar = Calendar::kUnknown;  // of date_written
  DateOrigin date_origin = DateOrigin::kUnknown;
  // As the article's JSON wrote them; empty when absent. Searchable as
  // category:VALUE, tags:VALUE and author:VALUE.
  std::string category;  // "sports/football-iran"
  std::vector<std::string> tags;
  std::string author;
  // With SearchOptions::collapse, how many near-duplicates of this hit the
  // results leave out (at least; see Searcher::similar to list them).
  std::uint64_t similar = 0;
  // A passage of the original text around the best match; newlines become
  // spaces. `snippet_highlights` are the matched words, as byte ranges into
  // `snippet`; `title_highlights` likewise into `title`.
  std::string snippet;
  std::vector<Range> snippet_highlights;
  std::vector<Range> title_highlights;
};

// One value of a facet and how many matching documents have it.
struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
};

struct Facets {
  std::vector<FacetCount> sources;  // most frequent first
  std::vector<FacetCount> months;   // Jalali "1404/09", newest first
  std::vector<FacetCount> years;    // Jalali "1404", newest first
  std::uint64_t undated = 0;        // matching documents without a date
  // Counts are exact: every matching document is counted.
  bool exact = true;
};

// `text` with every range wrapped in `open` and `close` markers, e.g.
// mark(hit.snippet, hit.snippet_highlights, "<b>", "</b>"). Ranges out of
// order, overlapping or out of bounds are skipped. Never throws but
// std::bad_alloc.
KAVOSH_EXPORT std::string mark(std::string_view text, const std::vector<Range>& ranges,
                               std::string_view open, std::string_view close);

struct Results {
  // The query searched: the one given, or its correction (corrected_from).
  std::string query;
  // The query as given, when nothing matched it and its correction (query)
  // was searched instead; empty otherwise.
  std::string corrected_from;
  // Number of results the reader can page through (near-duplicates
  // collapsed): always exact (total_exact), counting every match.
  std::uint64_t total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
  // Documents that matched the query's words but were left out by a date
  // filter (--from, --to, date:) because they have no date.
  std::uint64_t undated_left_out = 0;
  // In date order, how many of the results have no date (they come last).
  std::uint64_t undated_last = 0;
  // When nothing is found though documents match the words: the filters
  // that left nothing, as the reader wrote them ("--source farsnews",
  // "--from 1404/09", "date:1390"); all of them when only together they do.
  std::vector<std::string> emptied_by;
  // When a source filter names no source of the index: the index's source
  // names closest to it ("farsnews" -> "farsnews.ir"), at most five.
  std::vector<std::string> nearest_sources;
  // "Did you mean": when the query finds fewer than SearchOptions::
  // suggest_below documents, or none with all its words, a corrected query
  // built from the index's own words (missing or extra half-spaces,
  // misspellings); empty when no word needs correcting.
  std::string suggestion;
  // Filled when SearchOptions::facets is set.
  Facets facets;
  double seconds = 0;  // time taken by search()
  // With SearchOptions::describe_query, Xapian's description of the query
  // ranked first (the first tier, with its boosts); empty otherwise.
  std::string query_description;
};

// Queries of up to this many words are searched as corrected when they
// find nothing (SearchOptions::exact).
inline constexpr std::size_t kMaxCorrectedWords = 4;

// A word* of a query stands for at most this many words of the index: the
// most frequent of those that begin so.
inline constexpr std::size_t kMaxPrefixTerms = 100;

// One document whole, as Searcher::document returns it.
struct ArticleView {
  // Its metadata as a search shows it; `title_highlights` mark the query's
  // words, `snippet` is empty and `similar` counts the cluster's others.
  Hit hit;
  std::string body;                    // the original text
  std::vector<Range> body_highlights;  // the query's words, into `body`
  // The other members of its near-duplicate cluster, without snippets.
  std::vector<Hit> cluster;
};

// A read-only view of an index directory. Safe to use from many threads at
// once: Xapian handles are not, so each search() takes one from a pool. Each
// search sees the latest commit of a concurrent kavosh-index run: handles
// are reopened as they are taken from the pool; nothing needs restarting.
class KAVOSH_EXPORT Searcher {
 public:
  // Throws Error: kNotAnIndex if `dir` holds no Kavosh index, kIncompatibleIndex
  // if it was built by another version, kCorruption if it cannot be read.
  static Searcher open(const std::filesystem::path& dir);
  // Several shards searched as one: each a Kavosh index directory or a
  // Xapian stub file naming remote shards served by xapian-tcpsrv. Scores
  // equal those of one index holding all the documents. Throws as above,
  // naming the shard at fault.
  static Searcher open(const std::vector<std::filesystem::path>& shards);
  // The same, for a braced list: open({"a", "b"}).
  static Searcher open(std::initializer_list<std::filesystem::path> shards);

  // Query syntax: words (documents with all of them rank first; documents
  // with some follow), "quoted phrases" or «quoted phrases», -word or
  // -"phrase" to exclude, word* for the words that begin so (the
  // kMaxPrefixTerms most frequent of them), and the fields title:WORD,
  // title:"PHRASE", source:NAME and date:FROM..TO (date:1404/09..1404/10,
  // date:1404/09). OR and AND (capitals) join words, phrases and
  // (parenthesised groups); in such a query, words side by side must all
  // be present, and AND binds tighter than OR.
  // The query may be empty when options or fields filter by source or date,
  // or the options ask for date order or facets: it then stands for every
  // document that passes the filters.
  // Throws Error(kBadQuery) for an empty or punctuation-only query without
  // filters, an unknown field, a bad date, unbalanced parentheses, or a
  // query that is not valid UTF-8 (with the byte offset); kCorruption if
  // the index cannot be read.
  [[nodiscard]] Results search(std::string_view query, const SearchOptions& options = {}) const;

  // Documents most like the one with external id `id` ("more like this"):
  // the terms that best characterize it (Xapian's relevance feedback),
  // searched for together; the document itself is left out. Filters, sort
  // and paging of `options` apply. Throws Error(kNotFound) if no document
  // has that id, kCorruption if the index cannot be read.
  [[nodiscard]] Results more_like(std::string_view id, const SearchOptions& options = {}) const;

  // The near-duplicates of the document with external id `id` (its cluster,
  // the document included), best matches of `options` first. Throws
  // Error(kNotFound) if no document has that id.
  [[nodiscard]] Results similar(std::string_view id, const SearchOptions& options = {}) const;

  // The whole article `id` names: an external id, or a place as results
  // print it ("farsnews/docs.jsonl:12", or a file's path). With a `query`,
  // its words are highlighted in the title and body. Throws
  // Error(kNotFound) if no document is found, kCorruption if the index
  // cannot be read.
  [[nodiscard]] ArticleView document(std::string_view id, std::string_view query = {}) const;

  // Number of documents in the index. Throws Error(kIo, kCorruption) if the
  // index cannot be read.
  [[nodiscard]] std::uint64_t document_count() const;

  // A moved-from Searcher may only be destroyed or assigned to; any other
  // call on it is undefined.
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_H_
