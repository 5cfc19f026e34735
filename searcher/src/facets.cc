#include "searcher/src/facets.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/date_range.h"
#include "common/dates.h"
#include "common/schema.h"

namespace kavosh {
namespace {

std::vector<FacetCount> by_count(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<FacetCount> out;
  for (const auto& [value, count] : counts) {
    out.push_back(FacetCount{value, count});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  return out;
}

std::vector<FacetCount> newest_first(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<FacetCount> out;
  for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
    out.push_back(FacetCount{it->first, it->second});
  }
  return out;
}

}  // namespace

Facets count_facets(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
  Xapian::ValueCountMatchSpy dates(schema::kDateSlot);
  enquire.add_matchspy(&sources);
  enquire.add_matchspy(&dates);
  // check_at_least = every document: the spies see the whole matching set.
  const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());

  Facets facets;
  facets.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  std::map<std::string, std::uint64_t> source_counts;
  for (auto it = sources.values_begin(); it != sources.values_end(); ++it) {
    source_counts[*it] += it.get_termfreq();
  }
  std::map<std::string, std::uint64_t> months;
  std::map<std::string, std::uint64_t> years;
  std::uint64_t dated = 0;
  for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
    const auto days = static_cast<long>(Xapian::sortable_unserialise(*it));
    const CivilDate g = gregorian_from_days(days);
    const auto date = from_gregorian(g.year, g.month, g.day);
    if (!date) {
      continue;
    }
    const std::uint64_t n = it.get_termfreq();
    months[fmt::format("{:04}/{:02}", date->jalali.year, date->jalali.month)] += n;
    years[fmt::format("{:04}", date->jalali.year)] += n;
    dated += n;
  }
  facets.sources = by_count(source_counts);
  facets.months = newest_first(months);
  facets.years = newest_first(years);
  facets.undated = mset.get_matches_estimated() - dated;
  return facets;
}

}  // namespace kavosh
