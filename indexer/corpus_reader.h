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
#include <utility>
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
  // Told about something worth knowing that loses nothing (a symlink loop
  // not followed). Default: ignored.
  virtual void noted(const std::string& path, std::string_view message) {
    static_cast<void>(path);
    static_cast<void>(message);
  }
};

// Articles larger than this (a whole .txt or .json file, or one JSONL line)
// are skipped with a warning: analysis needs about 25 times an article's
// size in memory. Default of IndexOptions::max_article_bytes: 64 MiB.
inline constexpr std::size_t kDefaultMaxArticleBytes = std::size_t{64} << 20;

struct CorpusFile {
  std::filesystem::path absolute;
  // '/'-separated, relative to the corpus root; always valid UTF-8: a name
  // that is not (Windows-1256, say) has each byte of its ill-formed
  // sequences written `\xHH` and its backslashes `\x5C`, so that names stay
  // distinct and the bytes can be recovered (escape_file_name).
  std::string relative;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;  // last modification, ns since the epoch
};

// A file name as CorpusFile::relative spells it: unchanged if it is valid
// UTF-8, else with escapes as described there.
std::string escape_file_name(std::string_view name);

// Names never taken for articles unless --include names them: a corpus's
// notes and judgments are .txt files too. Matched against the file name.
inline constexpr std::string_view kDefaultExcludes[] = {"README*", "LICENSE*",   "COPYING*",
                                                        "NOTICE*", "CHANGELOG*", "qrels*"};

struct WalkOptions {
  // Shell globs (fnmatch) on paths relative to the root. A pattern without
  // '/' matches a file or directory name at any depth; one with '/' the
  // whole relative path ('*' crossing '/'). A file is taken if it has an
  // article extension, matches some `include` (when any is given) and no
  // `exclude`; an excluded directory is not entered. Default: none.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // Also exclude kDefaultExcludes (unless an `include` names the file).
  // Default: true.
  bool default_excludes = true;
  // Directories never entered, by (device, inode): the index itself when it
  // lies inside the corpus. Default: none.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> skip;
};

struct CorpusListing {
  // Sorted by `relative` (byte order), so runs are deterministic.
  std::vector<CorpusFile> files;
  // Directories that could not be read (relative; "" never: an unreadable
  // root is an error). Documents indexed from under them must be kept.
  std::vector<std::string> unreadable;
  // Symlinked directories followed to a target outside the root: "link ->
  // target".
  std::vector<std::string> outside;
  std::uint64_t bytes = 0;  // sum of the files' sizes
};

// Every article file under `root`, recursively. Files of other extensions
// are ignored silently; unreadable directories are reported (and listed)
// and skipped. Symlinks are followed, to files and to directories, each
// directory read once (by device and inode): a link back into the tree or
// to an ancestor is reported with noted() and not followed again. Throws
// std::runtime_error if `root` is not a readable directory.
CorpusListing list_corpus(const std::filesystem::path& root, const WalkOptions& options,
                          Reporter& reporter);
// The same with default options; the files only.
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
