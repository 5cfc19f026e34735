#include "searcher/src/counts.h"

#include <algorithm>
#include <utility>

#include "common/normalizer.h"
#include "common/schema.h"
#include "common/utf8.h"
#include "searcher/src/suggest.h"

namespace kavosh {

std::uint64_t count_results(const Xapian::Database& db, const Xapian::Query& query, bool collapse) {
  if (query.empty()) {
    return 0;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy clusters(schema::kClusterSlot);
  if (collapse) {
    enquire.add_matchspy(&clusters);
  }
  // check_at_least = every document: each match is read and counted.
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
  const std::uint64_t matches = mset.get_matches_lower_bound();
  if (!collapse) {
    return matches;
  }
  // One result per cluster; a document without a cluster is its own.
  std::uint64_t distinct = 0;
  std::uint64_t clustered = 0;
  for (auto it = clusters.values_begin(); it != clusters.values_end(); ++it) {
    ++distinct;
    clustered += it.get_termfreq();
  }
  return distinct + (matches - clustered);
}

Xapian::Query dated() {
  // Every serialised date sorts after the empty string; an undated
  // document has no value in the slot, which no range matches.
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, std::string(1, '\0'));
}

std::vector<std::string> nearest_sources(const Xapian::Database& db, const std::string& name) {
  constexpr std::size_t kMaxNames = 5;
  const std::string wanted = normalize(name);
  const std::u32string wanted32 = decode_utf8(wanted);
  const double max_distance = std::max<double>(2, static_cast<double>(wanted32.size()) / 3);
  std::vector<std::pair<double, std::string>> found;
  const std::string prefix(schema::kSourcePrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string source = (*it).substr(prefix.size());
    if (source.empty()) {
      continue;
    }
    if (source.find(wanted) != std::string::npos || wanted.find(source) != std::string::npos) {
      found.emplace_back(0, source);
      continue;
    }
    const double d = spelling_distance(wanted32, decode_utf8(source));
    if (d <= max_distance) {
      found.emplace_back(d, source);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && i < kMaxNames; ++i) {
    out.push_back(std::move(found[i].second));
  }
  return out;
}

}  // namespace kavosh
