// Reading a data set's documents: JSON lines, gzipped or not.
#ifndef KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_
#define KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_

#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kavosh::bench {

struct Document {
  std::string id;  // the JSON "id": what qrels and every system's results name
  std::string title;
  std::string body;
};

// Reads one JSON object a line, with fields id, title (optional) and body,
// from `path` (gzip-compressed or plain). Throws std::runtime_error naming
// the file and line on a line that is not such an object, or a repeated id:
// a benchmark must not silently score a different document set.
std::vector<Document> read_documents(const std::filesystem::path& path);

// For each document named in `judged`, the other documents that repeat it:
// at least `containment` of the word 3-grams of the shorter of the two are
// in the other (the same passage under another id, or cut at another
// sentence). Words are split at spaces and punctuation, half-spaces
// removed and Arabic yeh/kaf read as Persian; a 3-gram found in 50
// documents or more is not looked up.
std::unordered_map<std::string, std::unordered_set<std::string>> near_copies(
    const std::vector<Document>& documents, const std::unordered_set<std::string>& judged,
    double containment = 0.9);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_
