// Results as rows for spreadsheets and shell tools: kavosh-search --format
// csv and tsv.
#ifndef KAVOSH_SEARCHER_CLI_TABLE_H_
#define KAVOSH_SEARCHER_CLI_TABLE_H_

#include <string>
#include <string_view>

#include "kavosh/searcher.h"

namespace kavosh::cli {

enum class Table {
  kCsv,  // RFC 4180: fields with a comma, quote or line break quoted, CRLF line ends
  kTsv,  // tab-separated: tabs and line breaks within a field become spaces
};

// The header row: rank, id, title, date_jalali, date_gregorian, source, url,
// score, snippet; `with_query` puts a query column first (--queries).
std::string table_header(Table table, bool with_query);

// A row per hit, in the header's columns; the snippet as plain text. With
// `with_query`, each row starts with `query`.
std::string table_rows(Table table, const Results& results, bool with_query,
                       std::string_view query = {});

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_TABLE_H_
