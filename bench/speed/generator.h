// Builds benchmark collections of any size from real Persian sentences: the
// bodies of the shared corpora are split into sentences, shuffled and put
// together again into articles with real titles, Jalali dates and agencies.
// Deterministic by seed: the same options write the same bytes.
#ifndef KAVOSH_BENCH_SPEED_GENERATOR_H_
#define KAVOSH_BENCH_SPEED_GENERATOR_H_

#include <cstdint>
#include <filesystem>

namespace kavosh::bench {

struct GeneratorOptions {
  // Folder of corpora: each subfolder's docs.jsonl(.gz) gives sentences and
  // titles, its queries.tsv natural queries.
  std::filesystem::path corpora;
  // Where the collection goes (created; files in it are replaced).
  std::filesystem::path out;
  // Articles to write. Default: 10000.
  std::uint64_t docs = 10000;
  std::uint64_t seed = 1404;
  // Articles per part-NNNNN.jsonl.gz file. Default: 10000.
  std::uint64_t docs_per_file = 10000;
  // Queries of each kind (natural, two-word, phrase). Default: 200.
  std::size_t queries = 200;
};

struct GeneratedCollection {
  std::uint64_t docs = 0;
  std::uint64_t text_bytes = 0;  // titles and bodies, UTF-8
  std::uint64_t sentences = 0;   // distinct sentences drawn from
};

// Writes options.out/part-*.jsonl.gz (fields id, title, body, date, source,
// url), collection.tsv (what was written), and queries-natural.tsv,
// queries-two-word.tsv, queries-phrase.tsv ("id<TAB>query"). Throws
// std::runtime_error if the corpora hold no text or a file cannot be written.
GeneratedCollection generate(const GeneratorOptions& options);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_GENERATOR_H_
