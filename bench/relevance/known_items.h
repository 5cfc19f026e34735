// Known-item query sets: what a reader types to find one article again (a
// phrase remembered as written, half a headline, a name and a place),
// generated from a news corpus with a fixed seed, one relevant article each.
#ifndef KAVOSH_BENCH_RELEVANCE_KNOWN_ITEMS_H_
#define KAVOSH_BENCH_RELEVANCE_KNOWN_ITEMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/relevance/dataset.h"
#include "bench/relevance/documents.h"

namespace kavosh::bench {

enum class KnownItemKind {
  // 3-5 consecutive words of the body, as written.
  kFragment,
  // 3-6 consecutive words of the title: half a headline.
  kHeadline,
  // 2-3 content words of the title and the lead, each in 2 to 2 % of the
  // documents (names, places, numbers, rarely a topic word), in the
  // article's order.
  kNames,
};

inline constexpr KnownItemKind kKnownItemKinds[] = {
    KnownItemKind::kFragment, KnownItemKind::kHeadline, KnownItemKind::kNames};

// "fragments", "headlines", "names".
std::string_view kind_name(KnownItemKind kind);

// The words of `text` as the generator compares them: split at spaces and
// punctuation (a no-break space too), half-spaces, diacritics and tatweel
// removed, Arabic yeh, kaf, teh marbuta and hamza seats read as the
// Persian letters, Persian and Arabic-Indic digits as ASCII.
std::vector<std::string> comparable_words(std::string_view text);

// The words of `text` as written (only spaces and punctuation dropped),
// one-to-one with comparable_words(text).
std::vector<std::string> written_words(std::string_view text);

struct KnownItemSet {
  std::vector<Query> queries;  // ids "<kind>-001"...
  Qrels qrels;                 // one relevant document each
};

// Up to `count` queries of `kind` from `documents`, the same for the same
// documents and seed. Every query is unambiguous: a fragment or headline
// part occurs, in any spelling of its half-spaces, in no other document
// (its words compared joined, so "رئیس جمهور" and "رئیسجمهور" are one
// text), and holds at least two content words (not function words, not a
// single letter); the words of a names query occur together in no other
// document. Each document gives at most one query of a kind.
KnownItemSet generate_known_items(const std::vector<Document>& documents, KnownItemKind kind,
                                  std::size_t count, std::uint64_t seed);

// One data set per corpus folder of `root` among farsnews, varzesh3 and
// hamshahri-ir-subset and per kind, named "<folder>-<kind>" (e.g.
// "farsnews-fragments"), each of `count` queries from seed `seed`; if
// `only` is not empty, just the names in it. Missing folders are skipped.
std::vector<Dataset> known_item_datasets(const std::filesystem::path& root,
                                         const std::vector<std::string>& only, std::size_t count,
                                         std::uint64_t seed);

// Writes `dataset`'s queries.tsv and qrels.txt into `dir` (created), as a
// judged data set's folder holds them. Throws std::runtime_error on a write
// error.
void write_known_items(const std::filesystem::path& dir, const Dataset& dataset);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_KNOWN_ITEMS_H_
