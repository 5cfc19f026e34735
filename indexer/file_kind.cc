#include "indexer/file_kind.h"

#include <algorithm>

namespace kavosh {
namespace {

bool ends_with_ascii_ci(std::string_view s, std::string_view suffix) {
  if (s.size() <= suffix.size()) {
    return false;
  }
  s.remove_prefix(s.size() - suffix.size());
  return std::equal(s.begin(), s.end(), suffix.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
  });
}

}  // namespace

std::optional<FileKind> file_kind(std::string_view name) {
  FileKind kind{ArticleFormat::kText, false};
  if (ends_with_ascii_ci(name, ".gz")) {
    kind.gzip = true;
    name.remove_suffix(3);
  }
  if (ends_with_ascii_ci(name, ".txt")) {
    kind.format = ArticleFormat::kText;
  } else if (ends_with_ascii_ci(name, ".jsonl")) {
    kind.format = ArticleFormat::kJsonLines;
  } else if (ends_with_ascii_ci(name, ".json")) {
    kind.format = ArticleFormat::kJson;
  } else {
    return std::nullopt;
  }
  return kind;
}

}  // namespace kavosh
