#include "serve/api.h"

#include <exception>
#include <functional>
#include <nlohmann/json.hpp>

#include "searcher/json/results_json.h"

namespace kavosh::serve {
namespace {

std::string compact(const nlohmann::json& doc) {
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The HTTP status of a library error: the request's fault (400), an id
// that names no document (404), or the index's state (503).
int status_of(const Error& e) {
  switch (e.code()) {
    case Error::kBadQuery:
    case Error::kBadInput:
      return 400;
    case Error::kNotFound:
      return 404;
    case Error::kNotAnIndex:
    case Error::kIncompatibleIndex:
    case Error::kIo:
    case Error::kCorruption:
    case Error::kBusy:
      break;
  }
  return 503;
}

// Runs `call`, turning what it throws into an error reply.
Reply guarded(const std::function<nlohmann::json()>& call) {
  try {
    return {200, compact(call())};
  } catch (const Error& e) {
    const int status = status_of(e);
    nlohmann::json body = json::error(e);
    if (status == 404) {
      // The library names the place of its command-line use (--show):
      // here, the id is the path's last part.
      body["error"]["where"] = "id";
      const std::string prefix = e.location().where + ": ";
      const std::string message = e.what();
      if (!e.location().where.empty() && message.rfind(prefix, 0) == 0) {
        body["error"]["message"] = message.substr(prefix.size());
      }
    }
    return {status, compact(body)};
  } catch (const std::bad_alloc&) {
    return error_reply(503, "out_of_memory", "out of memory");
  } catch (const std::exception& e) {
    return error_reply(500, "internal", e.what());
  }
}

constexpr std::string_view kOptions =
    "from to source sort recency limit offset facets collapse exact";

void check_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxValueBytes) {
    throw Error(Error::kBadQuery, "an id of 1 to " + std::to_string(kMaxValueBytes) + " bytes",
                Location{"id"});
  }
}

}  // namespace

Reply error_reply(int status, std::string_view code, std::string_view message) {
  return {status, compact({{"error", {{"code", code}, {"message", message}}}})};
}

Reply Api::search(const Params& params) const {
  return guarded([&] {
    only(params, "q " + std::string(kOptions));
    const std::string q = query(params);
    const SearchOptions options = search_options(params);
    return json::results(searcher_.search(q, options), options);
  });
}

Reply Api::document(std::string_view id, const Params& params) const {
  return guarded([&] {
    only(params, "q");
    check_id(id);
    return json::article(searcher_.document(id, query(params)));
  });
}

Reply Api::similar(std::string_view id, const Params& params) const {
  return guarded([&] {
    only(params, kOptions);
    check_id(id);
    const SearchOptions options = search_options(params);
    return json::results(searcher_.similar(id, options), options);
  });
}

Reply Api::like(std::string_view id, const Params& params) const {
  return guarded([&] {
    only(params, kOptions);
    check_id(id);
    const SearchOptions options = search_options(params);
    return json::results(searcher_.more_like(id, options), options);
  });
}

Reply Api::suggest(const Params& params) const {
  return guarded([&] {
    only(params, "q");
    SearchOptions options;
    options.limit = 0;
    options.snippets = false;
    options.exact = true;
    const std::string q = query(params);
    if (q.empty()) {
      throw Error(Error::kBadQuery, "no query to correct", Location{"q"});
    }
    const Results results = searcher_.search(q, options);
    return nlohmann::json{
        {"query", results.query}, {"suggestion", results.suggestion}, {"total", results.total}};
  });
}

Reply Api::stats(const Params& params) const {
  return guarded([&] {
    only(params, "");
    SearchOptions counts;
    counts.limit = 0;
    counts.snippets = false;
    counts.collapse = false;
    counts.facets = true;
    const Results all = searcher_.search("", counts);
    // The first and the last dated documents: undated ones sort last.
    SearchOptions edge;
    edge.limit = 1;
    edge.snippets = false;
    edge.collapse = false;
    const auto date = [&](Sort sort) {
      edge.sort = sort;
      const Results r = searcher_.search("", edge);
      if (r.hits.empty() || r.hits[0].date_jalali.empty()) {
        return nlohmann::json(nullptr);
      }
      return nlohmann::json{{"jalali", r.hits[0].date_jalali},
                            {"gregorian", r.hits[0].date_gregorian}};
    };
    const nlohmann::json facets = json::facets(all.facets);
    const IndexVersion version = index_version();
    return nlohmann::json{
        {"documents", searcher_.document_count()},
        {"sources", facets["sources"]},
        {"years", facets["years"]},
        {"undated", all.facets.undated},
        {"date_first", date(Sort::kOldest)},
        {"date_last", date(Sort::kNewest)},
        {"index_version", {{"schema", version.schema}, {"analyzer", version.analyzer}}}};
  });
}

Reply Api::health() const {
  return guarded([&] {
    return nlohmann::json{{"status", "ok"}, {"documents", searcher_.document_count()}};
  });
}

}  // namespace kavosh::serve
