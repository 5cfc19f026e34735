#include "searcher/json/results_json.h"

namespace kavosh::json {

nlohmann::json hit(const Hit& hit) {
  return {{"id", hit.id},
          {"path", hit.path},
          {"line", hit.line},
          {"title", hit.title},
          {"source", hit.source},
          {"url", hit.url},
          {"date_gregorian", hit.date_gregorian},
          {"date_jalali", hit.date_jalali},
          {"date_written", hit.date_written},
          {"date_calendar", kavosh::to_string(hit.date_calendar)},
          {"date_origin", kavosh::to_string(hit.date_origin)},
          {"category", hit.category},
          {"tags", hit.tags},
          {"author", hit.author}};
}

nlohmann::json ranges(const std::vector<Range>& ranges) {
  nlohmann::json a = nlohmann::json::array();
  for (const Range& r : ranges) {
    a.push_back({r.begin, r.end});
  }
  return a;
}

nlohmann::json facets(const Facets& facets) {
  const auto counts = [](const std::vector<FacetCount>& cs) {
    nlohmann::json a = nlohmann::json::array();
    for (const FacetCount& c : cs) {
      a.push_back({{"value", c.value}, {"count", c.count}});
    }
    return a;
  };
  return {{"sources", counts(facets.sources)},
          {"months", counts(facets.months)},
          {"years", counts(facets.years)},
          {"undated", facets.undated},
          {"exact", facets.exact}};
}

nlohmann::json results(const Results& results, const SearchOptions& options) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& h : results.hits) {
    nlohmann::json out = hit(h);
    out["rank"] = h.rank;
    out["score"] = h.score;
    out["similar"] = h.similar;
    out["snippet"] = h.snippet;
    out["snippet_highlights"] = ranges(h.snippet_highlights);
    out["title_highlights"] = ranges(h.title_highlights);
    hits.push_back(std::move(out));
  }
  nlohmann::json out = {
      {"query", results.query},
      {"total", results.total},
      {"total_exact", results.total_exact},
      {"offset", options.offset},
      {"limit", options.limit},
      {"seconds", results.seconds},
      {"hits", std::move(hits)},
      {"suggestion", results.suggestion},
      {"sort", options.sort == Sort::kNewest   ? "newest"
               : options.sort == Sort::kOldest ? "oldest"
                                               : "relevance"},
      {"corrected_from", results.corrected_from},
      {"undated_left_out", results.undated_left_out},
      {"undated_last", results.undated_last},
      {"emptied_by", results.emptied_by},
      {"nearest_sources", results.nearest_sources},
  };
  if (options.facets) {
    out["facets"] = facets(results.facets);
  }
  return out;
}

nlohmann::json article(const ArticleView& article) {
  nlohmann::json doc = hit(article.hit);
  doc["title_highlights"] = ranges(article.hit.title_highlights);
  doc["body"] = article.body;
  doc["body_highlights"] = ranges(article.body_highlights);
  doc["similar"] = article.hit.similar;
  nlohmann::json cluster = nlohmann::json::array();
  for (const Hit& other : article.cluster) {
    cluster.push_back(hit(other));
  }
  doc["cluster"] = std::move(cluster);
  return doc;
}

std::string_view code_name(Error::Code code) {
  switch (code) {
    case Error::kBadQuery:
      return "bad_query";
    case Error::kNotAnIndex:
      return "not_an_index";
    case Error::kIncompatibleIndex:
      return "incompatible_index";
    case Error::kIo:
      return "io";
    case Error::kCorruption:
      return "corruption";
    case Error::kNotFound:
      return "not_found";
    case Error::kBadInput:
      return "bad_input";
    case Error::kBusy:
      return "busy";
  }
  return "unknown";
}

nlohmann::json error(const Error& error) {
  nlohmann::json e = {{"code", code_name(error.code())}, {"message", error.what()}};
  if (!error.location().where.empty()) {
    e["where"] = error.location().where;
    e["line"] = error.location().line;
    if (error.location().byte) {
      e["byte"] = *error.location().byte;
    }
  }
  return {{"error", std::move(e)}};
}

std::string dump(const nlohmann::json& doc) {
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string dump_line(const nlohmann::json& doc) {
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace kavosh::json
