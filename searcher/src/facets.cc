#include "searcher/src/facets.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/date_range.h"
#include "common/dates.h"
#include "common/normalizer.h"
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

// The sources the spy saw, their spellings of one name (Arabic or Persian
// yeh and kaf, a half-space or a space: "خبرگزاري فارس", "خبرگزاری فارس")
// counted as one source, as the source filter finds them, under the
// spelling most of the documents have.
std::map<std::string, std::uint64_t> sources_by_name(const Xapian::ValueCountMatchSpy& spy) {
  struct Source {
    std::string shown;
    std::uint64_t shown_count = 0;
    std::uint64_t count = 0;
  };
  std::map<std::string, Source> by_name;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::uint64_t n = it.get_termfreq();
    Source& source = by_name[normalize(*it)];
    source.count += n;
    if (n > source.shown_count) {
      source.shown = *it;
      source.shown_count = n;
    }
  }
  std::map<std::string, std::uint64_t> counts;
  for (const auto& [name, source] : by_name) {
    counts[source.shown] += source.count;
  }
  return counts;
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
  facets.sources = by_count(sources_by_name(sources));
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
  facets.months = newest_first(months);
  facets.years = newest_first(years);
  facets.undated = mset.get_matches_estimated() - dated;
  return facets;
}

}  // namespace kavosh
