#include "searcher/src/article.h"

#include <fmt/format.h>

#include <charconv>
#include <string>

#include "searcher/src/query_builder.h"
#include "searcher/src/query_parser.h"
#include "searcher/src/query_tree.h"
#include "searcher/src/snippet.h"

namespace kavosh {
namespace {

// At most this many other members of a cluster are listed.
constexpr Xapian::doccount kMaxClusterShown = 50;

schema::Record record_of(const Xapian::Document& doc, Xapian::docid docid) {
  try {
    return schema::Record::from_data(doc.get_data());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Error::kCorruption, fmt::format("document {}: {}", docid, e.what()));
  }
}

// "dir/file.jsonl:12" as path and line; line 0 when there is no ":N".
std::pair<std::string_view, std::uint64_t> split_place(std::string_view place) {
  const std::size_t colon = place.rfind(':');
  std::uint64_t line = 0;
  if (colon == std::string_view::npos || colon + 1 == place.size()) {
    return {place, 0};
  }
  const char* first = place.data() + colon + 1;
  const char* last = place.data() + place.size();
  const auto [end, error] = std::from_chars(first, last, line);
  if (error != std::errc() || end != last || line == 0) {
    return {place, 0};
  }
  return {place.substr(0, colon), line};
}

}  // namespace

std::optional<Xapian::docid> locate_document(const Xapian::Database& db, std::string_view id) {
  const std::string term = schema::id_term(id);
  if (const auto posting = db.postlist_begin(term); posting != db.postlist_end(term)) {
    return *posting;
  }
  const auto [path, line] = split_place(id);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const schema::Record record = record_of(db.get_document(*it), *it);
    if (record.path == path && record.line == line) {
      return *it;
    }
    if (line == 0 && record.path == id) {  // a path that holds a ':' of its own
      return *it;
    }
  }
  return std::nullopt;
}

namespace {

// The record's names (common/dates.h writes them) as the API's enums.
Calendar calendar_of(std::string_view name) {
  for (const Calendar c : {Calendar::kJalali, Calendar::kGregorian, Calendar::kHijri}) {
    if (to_string(c) == name) {
      return c;
    }
  }
  return Calendar::kUnknown;
}

DateOrigin origin_of(std::string_view name) {
  for (const DateOrigin o :
       {DateOrigin::kMetadata, DateOrigin::kUrl, DateOrigin::kPath, DateOrigin::kHead}) {
    if (to_string(o) == name) {
      return o;
    }
  }
  return DateOrigin::kUnknown;
}

}  // namespace

Hit hit_of(const schema::Record& record) {
  Hit hit;
  hit.id = record.id;
  hit.path = record.path;
  hit.line = record.line;
  hit.title = record.title;
  hit.source = record.source;
  hit.url = record.url;
  hit.date_gregorian = record.date_gregorian;
  hit.date_jalali = record.date_jalali;
  hit.date_written = record.date_written;
  hit.date_calendar = calendar_of(record.date_calendar);
  hit.date_origin = origin_of(record.date_origin);
  hit.category = record.category;
  hit.tags = record.tags;
  hit.author = record.author;
  return hit;
}

ArticleView read_article(const Xapian::Database& db, Xapian::docid docid, std::string_view query) {
  const Xapian::Document doc = db.get_document(docid);
  schema::Record record = record_of(doc, docid);
  ArticleView article;
  article.hit = hit_of(record);
  article.body = std::move(record.body);
  if (!query.empty()) {
    const ParsedQuery parsed = parse_query(query);
    const BuiltQuery built =
        parsed.tree.empty() ? build_query(parsed.clauses, db) : build_tree(parsed, db);
    const Matcher matcher{built.terms, built.stems};
    article.hit.title_highlights = highlight(article.hit.title, matcher);
    article.body_highlights = highlight(article.body, matcher);
  }
  const std::string cluster = doc.get_value(schema::kClusterSlot);
  if (cluster.empty()) {
    return article;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kClusterSlot, cluster, cluster));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet others = enquire.get_mset(0, kMaxClusterShown + 1, db.get_doccount());
  for (auto it = others.begin(); it != others.end(); ++it) {
    if (*it != docid && article.cluster.size() < kMaxClusterShown) {
      article.cluster.push_back(hit_of(record_of(it.get_document(), *it)));
    }
  }
  article.hit.similar = others.get_matches_estimated() - 1;
  return article;
}

std::string_view to_string(Calendar calendar) {
  switch (calendar) {
    case Calendar::kJalali:
      return "jalali";
    case Calendar::kGregorian:
      return "gregorian";
    case Calendar::kHijri:
      return "hijri";
    case Calendar::kUnknown:
      break;
  }
  return "";
}

std::string_view to_string(DateOrigin origin) {
  switch (origin) {
    case DateOrigin::kMetadata:
      return "metadata";
    case DateOrigin::kUrl:
      return "url";
    case DateOrigin::kPath:
      return "path";
    case DateOrigin::kHead:
      return "head";
    case DateOrigin::kUnknown:
      break;
  }
  return "";
}

}  // namespace kavosh
