// Reading a data set's documents: JSON lines, gzipped or not.
#ifndef KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_
#define KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_

#include <filesystem>
#include <string>
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

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_DOCUMENTS_H_
