// Reads the articles of a corpus file (corpus_listing.h): *.txt, *.json,
// *.jsonl and the same gzip-compressed. Bad input never stops a run: each problem goes to a
// Reporter, and reading goes on with the next article or file.
#ifndef KAVOSH_INDEXER_CORPUS_READER_H_
#define KAVOSH_INDEXER_CORPUS_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "indexer/corpus_listing.h"
#include "indexer/reporter.h"

namespace kavosh {

// Articles larger than this (a whole .txt or .json file, or one JSONL line)
// are skipped with a warning: analysis needs about 25 times an article's
// size in memory. Default of IndexOptions::max_article_bytes: 64 MiB.
inline constexpr std::size_t kDefaultMaxArticleBytes = std::size_t{64} << 20;

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
// Articles over `max_article_bytes` are skipped with a report (a .txt or
// .json file then counts as failed, so what was indexed from it is kept).
// `progress`, when given, is called now and then with the bytes of the file
// consumed so far.
ReadResult read_articles(const CorpusFile& file, Reporter& reporter,
                         const std::function<void(Article&&)>& sink,
                         std::size_t max_article_bytes = kDefaultMaxArticleBytes,
                         const std::function<void(std::uint64_t)>& progress = {});

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_CORPUS_READER_H_
