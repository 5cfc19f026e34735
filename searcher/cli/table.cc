#include "searcher/cli/table.h"

#include <fmt/format.h>

#include <vector>

namespace kavosh::cli {
namespace {

std::string field(Table table, std::string_view text) {
  if (table == Table::kTsv) {
    std::string out(text);
    for (char& c : out) {
      if (c == '\t' || c == '\n' || c == '\r') {
        c = ' ';
      }
    }
    return out;
  }
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

std::string row(Table table, const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& f : fields) {
    if (!out.empty()) {
      out += table == Table::kCsv ? ',' : '\t';
    }
    out += field(table, f);
  }
  return out + (table == Table::kCsv ? "\r\n" : "\n");
}

}  // namespace

std::string table_header(Table table, bool with_query) {
  std::vector<std::string> names{"rank",   "id",  "title", "date_jalali", "date_gregorian",
                                 "source", "url", "score", "snippet"};
  if (with_query) {
    names.insert(names.begin(), "query");
  }
  return row(table, names);
}

std::string table_rows(Table table, const Results& results, bool with_query,
                       std::string_view query) {
  std::string out;
  for (const Hit& hit : results.hits) {
    std::vector<std::string> fields{std::to_string(hit.rank),
                                    hit.id,
                                    hit.title,
                                    hit.date_jalali,
                                    hit.date_gregorian,
                                    hit.source,
                                    hit.url,
                                    fmt::format("{:.4f}", hit.score),
                                    hit.snippet};
    if (with_query) {
      fields.insert(fields.begin(), std::string(query));
    }
    out += row(table, fields);
  }
  return out;
}

}  // namespace kavosh::cli
