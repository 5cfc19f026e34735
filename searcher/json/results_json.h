// Kavosh results as JSON: the one encoding of hits, results, articles and
// errors, shared by kavosh-search --json and kavosh-serve's API so that
// their field names cannot drift apart. Built on the public API only.
#ifndef KAVOSH_SEARCHER_JSON_RESULTS_JSON_H_
#define KAVOSH_SEARCHER_JSON_RESULTS_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/kavosh.h"

namespace kavosh::json {

// A hit's document fields (id, path, line, title, source, url, the date
// fields, category, tags, author).
nlohmann::json hit(const Hit& hit);

// Byte ranges as [[begin, end], ...].
nlohmann::json ranges(const std::vector<Range>& ranges);

// The results of a search, similar() or more_like(), with the options that
// made them (offset, limit, sort, and facets when options.facets).
nlohmann::json results(const Results& results, const SearchOptions& options);

// The whole article, as --show --json gives it: the hit's fields, its
// title and body highlights, the body, and its near-duplicates (`cluster`).
nlohmann::json article(const ArticleView& article);

// Facet counts: sources, months, years, undated, exact.
nlohmann::json facets(const Facets& facets);

// "bad_query", "not_an_index", "incompatible_index", "io", "corruption",
// "not_found", "bad_input" or "busy".
std::string_view code_name(Error::Code code);

// {"error": {"code", "message", "where", "line", "byte"}}; the location
// fields only when the error has one.
nlohmann::json error(const Error& error);

// `doc` as the programs print it: two-space indented, invalid UTF-8 from
// the archive replaced by U+FFFD, ended by a newline.
std::string dump(const nlohmann::json& doc);

// `doc` as one line of JSON Lines (kavosh-search --format jsonl): compact,
// invalid UTF-8 replaced as by dump(), ended by a newline.
std::string dump_line(const nlohmann::json& doc);

}  // namespace kavosh::json

#endif  // KAVOSH_SEARCHER_JSON_RESULTS_JSON_H_
