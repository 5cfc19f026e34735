// An article as a corpus file gives it, before analysis.
#ifndef KAVOSH_COMMON_ARTICLE_H_
#define KAVOSH_COMMON_ARTICLE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kavosh {

struct Article {
  // External id: the JSON "id" when the file gives one, else derived from
  // `path` (and `line` for JSONL) by the reader. Never empty once read.
  std::string id;
  // Path of the file relative to the corpus root, with '/' separators.
  std::string path;
  // 1-based line in a JSONL file; 0 for whole-file articles (.txt, .json).
  std::uint64_t line = 0;
  std::string title;
  std::string body;
  // Metadata exactly as the file wrote it; empty when absent.
  std::string date;
  std::string source;
  std::string url;
  // What a reader filters by, as written: "sports/football-iran",
  // {"استقلال", "لیگ برتر"}, "علی رضایی". Empty when absent.
  std::string category;
  std::vector<std::string> tags;
  std::string author;
};

}  // namespace kavosh

#endif  // KAVOSH_COMMON_ARTICLE_H_
