#include "searcher/src/filters.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "common/normalizer.h"
#include "common/schema.h"
#include "searcher/src/counts.h"
#include "searcher/src/query_builder.h"

namespace kavosh {
namespace {

Xapian::Query date_range(const DayRange& range) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                       Xapian::sortable_serialise(static_cast<double>(range.first)),
                       Xapian::sortable_serialise(static_cast<double>(range.last)));
}

// The source terms of a name: "فارس" also finds "خبرگزاری فارس", and the
// other way round.
std::vector<std::string> source_terms(const std::string& name) {
  const std::string agency = normalize("خبرگزاری ");
  std::string n = normalize(name);
  std::vector<std::string> terms{schema::source_term(n)};
  n = n.rfind(agency, 0) == 0 ? n.substr(agency.size()) : agency + n;
  terms.push_back(schema::source_term(n));
  return terms;
}

std::string field_name(std::string_view prefix) {
  return prefix == schema::kCategoryPrefix ? "category"
         : prefix == schema::kTagPrefix    ? "tags"
                                           : "author";
}

}  // namespace

// The source names a search asks for: the query's source: fields, then the
// options'.
std::vector<std::string> source_names(const ParsedQuery& parsed, const SearchOptions& options) {
  std::vector<std::string> names = parsed.sources;
  names.insert(names.end(), options.sources.begin(), options.sources.end());
  return names;
}

// The filters of the options and the query's fields.
std::vector<Filter> filters_of(const ParsedQuery& parsed, const SearchOptions& options) {
  std::vector<Filter> filters;
  for (std::size_t i = 0; i < parsed.dates.size(); ++i) {
    filters.push_back({parsed.date_fields[i], date_range(parsed.dates[i]), true});
  }
  if (!options.date_from.empty() || !options.date_to.empty()) {
    std::string label = options.date_from.empty() ? "" : "--from " + options.date_from;
    if (!options.date_to.empty()) {
      label += (label.empty() ? "--to " : " --to ") + options.date_to;
    }
    filters.push_back(
        {label, date_range(parse_period(options.date_from, options.date_to, "date_from/date_to")),
         true});
  }
  const std::vector<std::string> names = source_names(parsed, options);
  if (!names.empty()) {
    std::vector<Xapian::Query> sources;
    std::string label;
    for (std::size_t i = 0; i < names.size(); ++i) {
      for (const std::string& term : source_terms(names[i])) {
        sources.emplace_back(term);
      }
      label += (label.empty() ? "" : " ");
      label += (i < parsed.sources.size() ? "source:" : "--source ") + names[i];
    }
    filters.push_back({label, Xapian::Query(Xapian::Query::OP_OR, sources.begin(), sources.end())});
  }
  // category:, tags:, author:: values of one field are alternatives (as
  // sources are); fields narrow.
  std::map<std::string_view, std::vector<const FieldFilter*>> by_field;
  for (const FieldFilter& field : parsed.fields) {
    by_field[field.prefix].push_back(&field);
  }
  for (const auto& [prefix, values] : by_field) {
    std::vector<Xapian::Query> terms;
    std::string label;
    for (const FieldFilter* field : values) {
      terms.emplace_back(schema::field_term(prefix, normalize(field->value)));
      label += (label.empty() ? "" : " ") + field_name(prefix) + ":" + field->value;
    }
    filters.push_back({label, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())});
  }
  return filters;
}

// The filters as one boolean query, those by date only `with_dates`;
// MatchAll when there are none.
Xapian::Query all_of(const std::vector<Filter>& filters, bool with_dates) {
  std::vector<Xapian::Query> queries;
  for (const Filter& f : filters) {
    if (with_dates || !f.by_date) {
      queries.push_back(f.query);
    }
  }
  if (queries.empty()) {
    return match_all();
  }
  return Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
}

Xapian::Query filter_query(const ParsedQuery& parsed, const SearchOptions& options) {
  return all_of(filters_of(parsed, options));
}

Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter) {
  if (filter.get_type() == Xapian::Query::LEAF_MATCH_ALL) {
    return query;
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

void count_undated(const Xapian::Database& db, const Xapian::Query& words,
                   const std::vector<Filter>& filters, const SearchOptions& options,
                   Results& results) {
  const auto undated = [&](const Xapian::Query& q) {
    return count_results(db, Xapian::Query(Xapian::Query::OP_AND_NOT, q, dated()),
                         options.collapse);
  };
  const bool by_date =
      std::any_of(filters.begin(), filters.end(), [](const Filter& f) { return f.by_date; });
  if (by_date) {
    results.undated_left_out = undated(filtered(words, all_of(filters, false)));
  }
  if (options.sort != Sort::kRelevance) {
    results.undated_last = undated(filtered(words, all_of(filters)));
  }
}

void explain_empty(const Xapian::Database& db, const Xapian::Query& words,
                   const std::vector<Filter>& filters, const std::vector<std::string>& names,
                   Results& results) {
  if (filters.empty() || count_results(db, words, false) == 0) {
    return;
  }
  for (const Filter& f : filters) {
    if (count_results(db, filtered(words, f.query), false) == 0) {
      results.emptied_by.push_back(f.label);
    }
  }
  if (results.emptied_by.empty()) {  // each leaves something; together, nothing
    for (const Filter& f : filters) {
      results.emptied_by.push_back(f.label);
    }
  }
  for (const std::string& name : names) {
    const std::vector<std::string> terms = source_terms(name);
    if (std::none_of(terms.begin(), terms.end(),
                     [&](const std::string& t) { return db.term_exists(t); })) {
      for (std::string& near : nearest_sources(db, name)) {
        if (std::find(results.nearest_sources.begin(), results.nearest_sources.end(), near) ==
            results.nearest_sources.end()) {
          results.nearest_sources.push_back(std::move(near));
        }
      }
    }
  }
}

}  // namespace kavosh
