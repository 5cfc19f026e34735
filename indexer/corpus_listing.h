// The article files of a corpus directory: which files a run reads, found
// by walking the directory tree once.
#ifndef KAVOSH_INDEXER_CORPUS_LISTING_H_
#define KAVOSH_INDEXER_CORPUS_LISTING_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/reporter.h"

namespace kavosh {

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

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_CORPUS_LISTING_H_
