// Relevance judgments and result lists in the TREC file formats.
#ifndef KAVOSH_BENCH_RELEVANCE_TREC_H_
#define KAVOSH_BENCH_RELEVANCE_TREC_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kavosh::bench {

// Document ids judged relevant to one query.
using Relevant = std::unordered_set<std::string>;
// Query id -> its relevant documents. Queries without any are absent.
using Qrels = std::unordered_map<std::string, Relevant>;

// Document ids, best first.
using Ranking = std::vector<std::string>;
// Query id -> the system's ranking for it. Queries without results may be absent.
using Run = std::unordered_map<std::string, Ranking>;

// Reads "qid iteration docid relevance" lines; relevance > 0 counts as
// relevant (binary). Throws std::runtime_error on a malformed line.
Qrels read_qrels(const std::filesystem::path& path);

// Writes "qid Q0 docid rank score tag" lines; the score is the negated rank,
// so the file sorts like the ranking. Throws std::runtime_error if a doc id
// holds whitespace (the format could not carry it) or on a write error.
void write_run(const std::filesystem::path& path, const Run& run, std::string_view tag);

// Reads a run file written by write_run, ordering each query's documents by rank.
Run read_run(const std::filesystem::path& path);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_TREC_H_
