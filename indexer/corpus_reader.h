// Reads articles from a corpus directory: *.txt, *.json, *.jsonl and the
// same gzip-compressed. Bad input never stops a run: each problem goes to a
// Reporter, and reading goes on with the next article or file.
#ifndef KAVOSH_INDEXER_CORPUS_READER_H_
#define KAVOSH_INDEXER_CORPUS_READER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace kavosh {

// Told about every file, line or directory that could not be read.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // `path` is relative to the corpus root; `line` is 1-based, or 0 when the
  // problem concerns the whole file or directory. `reason` is one short line.
  virtual void skipped(const std::string& path, std::uint64_t line, std::string_view reason) = 0;
};

struct CorpusFile {
  std::filesystem::path absolute;
  // '/'-separated, relative to the corpus root; always valid UTF-8 (bytes
  // of a name that is not are replaced by U+FFFD).
  std::string relative;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;  // last modification, ns since the epoch
};

// Every article file under `root`, recursively, sorted by `relative` (byte
// order), so runs are deterministic. Files of other extensions are ignored
// silently; unreadable directories are reported and skipped. Symlinks to
// files are followed; symlinked directories are not (no loops).
std::vector<CorpusFile> list_corpus(const std::filesystem::path& root, Reporter& reporter);

struct ReadResult {
  std::size_t articles = 0;  // passed to the sink
  std::size_t problems = 0;  // reported to the reporter
  // The file could not be read at all (unreadable, binary, not gzip, ...).
  // Articles indexed from it earlier must be kept, not removed.
  bool file_failed = false;
};

// Reads the articles of one file and hands each to `sink`, in file order.
// .txt: first non-empty line is the title, the rest the body; id = relative path.
// .json: one object; .jsonl: one object a line; fields id, title, body, date,
// source, url, category, author (strings; numbers accepted for id) and tags
// (a string or a list of strings), all but body optional; id
// defaults to the relative path (plus ":LINE" for JSONL lines).
// Rejected with a report: invalid UTF-8, binary content, empty or
// whitespace-only articles, broken JSON, JSON that is not an object, a
// missing or non-string body.
ReadResult read_articles(const CorpusFile& file, Reporter& reporter,
                         const std::function<void(Article&&)>& sink);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_CORPUS_READER_H_
