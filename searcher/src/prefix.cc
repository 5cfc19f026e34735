#include "searcher/src/prefix.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "kavosh/error.h"
#include "kavosh/searcher.h"

namespace kavosh {
namespace {

std::size_t letters(const std::string& text) {
  // Every byte but UTF-8 continuation bytes starts a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Xapian::Query expand_prefix(const std::string& prefix, const Xapian::Database& db,
                            std::unordered_set<std::string>& terms) {
  if (letters(prefix) < 2) {
    throw Error(Error::kBadQuery,
                fmt::format("\"{}*\": a prefix needs at least two letters", prefix),
                Location{"query"});
  }
  // The index's other terms begin with capital Latin letters (ids, titles,
  // stems, sources); normalized words never do, so every term found is a
  // word.
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  const std::size_t kept = std::min(found.size(), kMaxPrefixTerms);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Xapian::Query> words;
  for (std::size_t i = 0; i < kept; ++i) {
    terms.insert(found[i].second);
    words.emplace_back(found[i].second);
  }
  if (words.empty()) {
    return Xapian::Query();
  }
  return Xapian::Query(Xapian::Query::OP_SYNONYM, words.begin(), words.end());
}

}  // namespace kavosh
