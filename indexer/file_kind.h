// Which files are articles, and in which format, by their names alone.
#ifndef KAVOSH_INDEXER_FILE_KIND_H_
#define KAVOSH_INDEXER_FILE_KIND_H_

#include <optional>
#include <string_view>

namespace kavosh {

// .txt: one article, its first line the title; .json: one JSON object;
// .jsonl: one JSON object a line.
enum class ArticleFormat { kText, kJson, kJsonLines };

struct FileKind {
  ArticleFormat format;
  bool gzip;  // the same, gzip-compressed (.txt.gz, ...)
};

// The kind of an article file by its name's extension (ASCII letters in
// either case), or nullopt if the name is not one of an article file.
std::optional<FileKind> file_kind(std::string_view name);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_FILE_KIND_H_
