#include "searcher/src/query_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "common/schema.h"
#include "common/tokenizer.h"
#include "common/utf8.h"
#include "kavosh/error.h"

namespace kavosh {
namespace {

constexpr std::string_view kOpenGuillemet = "\xC2\xAB";   // «
constexpr std::string_view kCloseGuillemet = "\xC2\xBB";  // »
constexpr std::string_view kFields = "title:, source:, date:, category:, tags:, author:";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_field_char(char c) { return c >= 'a' && c <= 'z'; }

// The term prefix of a field that filters by a whole value; empty for others.
std::string_view filter_prefix(std::string_view field) {
  if (field == "category") {
    return schema::kCategoryPrefix;
  }
  if (field == "tags") {
    return schema::kTagPrefix;
  }
  if (field == "author") {
    return schema::kAuthorPrefix;
  }
  return {};
}

// Adds the clause of `text`; false if it has no words.
bool add_clause(std::vector<QueryClause>& clauses, std::string_view text, bool excluded,
                bool title_only, bool prefix) {
  QueryClause clause;
  clause.excluded = excluded;
  clause.title_only = title_only;
  for (Token& token : tokenize(text)) {
    if (token.term.size() <= schema::kMaxTermBytes) {
      clause.tokens.push_back(std::move(token));
    }
  }
  // A prefix is one word; "تهران-مس*" is searched as it is, without '*'.
  clause.prefix = prefix && !title_only && clause.tokens.size() == 1;
  if (clause.tokens.empty()) {
    return false;
  }
  clauses.push_back(std::move(clause));
  return true;
}

// What a query is made of, in order, for the tree of OR and AND.
struct Item {
  enum class Kind { kClause, kOpen, kClose, kOr, kAnd };
  Kind kind;
  std::size_t clause = 0;
  std::size_t offset = 0;  // in the query, for messages
};

// Recursive descent over the items: or := and (OR and)*;
// and := primary (AND? primary)*; primary := ( or ) | clause.
class TreeBuilder {
 public:
  explicit TreeBuilder(const std::vector<Item>& items) : items_(items) {}

  QueryNode build() {
    QueryNode root = any();
    if (at_ < items_.size()) {  // only a ")" stops any() early
      fail("\")\" closes no \"(\"");
    }
    return root;
  }

 private:
  using Kind = Item::Kind;

  [[noreturn]] void fail(std::string_view what) const {
    const std::size_t offset = at_ < items_.size() ? items_[at_].offset : 0;
    throw Error(Error::kBadQuery, std::string(what), Location{"query", 0, offset});
  }
  bool next_is(Kind kind) const { return at_ < items_.size() && items_[at_].kind == kind; }
  bool starts_primary() const { return next_is(Kind::kClause) || next_is(Kind::kOpen); }

  static QueryNode join(QueryNode::Kind kind, std::vector<QueryNode> children) {
    if (children.size() == 1) {
      return std::move(children.front());
    }
    QueryNode node;
    node.kind = kind;
    node.children = std::move(children);
    return node;
  }

  QueryNode any() {
    std::vector<QueryNode> children{all()};
    while (next_is(Kind::kOr)) {
      ++at_;
      children.push_back(all());
    }
    return join(QueryNode::Kind::kOr, std::move(children));
  }

  QueryNode all() {
    std::vector<QueryNode> children{primary()};
    while (next_is(Kind::kAnd) || starts_primary()) {
      if (next_is(Kind::kAnd)) {
        ++at_;
      }
      children.push_back(primary());
    }
    return join(QueryNode::Kind::kAnd, std::move(children));
  }

  QueryNode primary() {
    if (next_is(Kind::kOpen)) {
      // Each level is a few stack frames here and in the query builder.
      if (++depth_ > kMaxDepth) {
        fail(fmt::format("parentheses nested deeper than {}", kMaxDepth));
      }
      ++at_;
      QueryNode inside = any();
      if (next_is(Kind::kClose)) {
        ++at_;
      }
      --depth_;
      return inside;
    }
    if (!next_is(Kind::kClause)) {
      fail("OR and AND need words on both sides");
    }
    QueryNode leaf;
    leaf.clause = items_[at_++].clause;
    return leaf;
  }

  static constexpr int kMaxDepth = 32;
  const std::vector<Item>& items_;
  std::size_t at_ = 0;
  int depth_ = 0;
};

// One word or quoted phrase as written, after its field.
struct Value {
  std::string_view text;
  bool prefix = false;        // written word*
  std::vector<Item> closing;  // the ")" after it, in order
};

// Reads a query left to right: its clauses and filters, and the items of
// its tree of OR and AND.
class Parser {
 public:
  explicit Parser(std::string_view query) : query_(query) {}

  ParsedQuery parse() {
    while (at_ < query_.size()) {
      if (is_space(query_[at_])) {
        ++at_;
        continue;
      }
      read_word();
    }
    keep_first_words();
    if (has_operator_) {
      add_tree();
    }
    return std::move(parsed_);
  }

 private:
  // One run of characters between spaces: OR or AND, or "(" before a
  // clause (whose quoted phrase may run past the next space).
  void read_word() {
    std::size_t word_end = at_;
    while (word_end < query_.size() && !is_space(query_[word_end])) {
      ++word_end;
    }
    const std::string_view word = query_.substr(at_, word_end - at_);
    if (word == "OR" || word == "AND") {
      items_.push_back({word == "OR" ? Item::Kind::kOr : Item::Kind::kAnd, 0, at_});
      has_operator_ = true;
      at_ = word_end;
      return;
    }
    while (at_ < word_end && query_[at_] == '(') {
      items_.push_back({Item::Kind::kOpen, 0, at_++});
    }
    if (at_ == word_end) {
      return;
    }
    const bool excluded = read_minus();
    const std::string_view field = read_field();
    Value value = read_value();
    add(field, value, excluded);
    std::reverse(value.closing.begin(), value.closing.end());
    items_.insert(items_.end(), value.closing.begin(), value.closing.end());
  }

  // A leading '-' that excludes what follows it.
  bool read_minus() {
    if (query_[at_] == '-' && at_ + 1 < query_.size() && !is_space(query_[at_ + 1])) {
      ++at_;
      return true;
    }
    return false;
  }

  // The name of a field before its ':', checked; empty for none.
  std::string_view read_field() {
    std::size_t colon = at_;
    while (colon < query_.size() && is_field_char(query_[colon])) {
      ++colon;
    }
    if (colon == at_ || colon >= query_.size() || query_[colon] != ':') {
      return {};
    }
    const std::string_view field = query_.substr(at_, colon - at_);
    if (field != "title" && field != "source" && field != "date" && filter_prefix(field).empty()) {
      throw Error(Error::kBadQuery,
                  fmt::format("unknown field \"{}:\"; the fields are {}", field, kFields),
                  Location{"query", 0, at_});
    }
    at_ = colon + 1;
    return field;
  }

  // A phrase in quotes, up to its closing quote (or the end), or a word up
  // to the next space; and the ")" that close after it.
  Value read_value() {
    const std::string_view close = read_open_quote();
    std::size_t end = at_;
    if (!close.empty()) {
      end = std::min(query_.find(close, at_), query_.size());
    } else {
      while (end < query_.size() && !is_space(query_[end])) {
        ++end;
      }
    }
    Value value;
    value.text = query_.substr(at_, end - at_);
    at_ = close.empty() ? end : std::min(end + close.size(), query_.size());
    if (close.empty()) {
      while (!value.text.empty() && value.text.back() == ')') {
        value.text.remove_suffix(1);
        value.closing.push_back({Item::Kind::kClose, 0, at_ - value.closing.size() - 1});
      }
    } else {
      while (at_ < query_.size() && query_[at_] == ')') {
        value.closing.push_back({Item::Kind::kClose, 0, at_++});
      }
    }
    if (close.empty() && value.text.size() > 1 && value.text.back() == '*') {
      value.text.remove_suffix(1);
      value.prefix = true;
    }
    return value;
  }

  // The quote that closes the one opening here ("…" or «…»); empty for none.
  std::string_view read_open_quote() {
    if (at_ < query_.size() && query_[at_] == '"') {
      ++at_;
      return "\"";
    }
    if (query_.substr(at_, kOpenGuillemet.size()) == kOpenGuillemet) {
      at_ += kOpenGuillemet.size();
      return kCloseGuillemet;
    }
    return {};
  }

  // A field's filter, or a clause of words.
  void add(std::string_view field, const Value& value, bool excluded) {
    const std::string_view text = value.text;
    if (field == "source") {
      if (excluded || text.empty()) {
        throw Error(Error::kBadQuery, "source: needs a name, e.g. source:ایلنا",
                    Location{"query", 0, at_});
      }
      parsed_.sources.emplace_back(text);
    } else if (const std::string_view term_prefix = filter_prefix(field); !term_prefix.empty()) {
      if (excluded || text.empty()) {
        throw Error(Error::kBadQuery,
                    fmt::format("{}: needs a value, e.g. {}:\"لیگ برتر\"", field, field),
                    Location{"query", 0, at_});
      }
      parsed_.fields.push_back({term_prefix, std::string(text)});
    } else if (field == "date") {
      add_date(text, excluded);
    } else if (add_clause(parsed_.clauses, text, excluded, field == "title", value.prefix)) {
      items_.push_back({Item::Kind::kClause, parsed_.clauses.size() - 1, at_});
    }
  }

  // date:FROM..TO, date:FROM.., date:..TO or date:DAY.
  void add_date(std::string_view text, bool excluded) {
    const std::size_t dots = text.find("..");
    const std::string_view from = dots == std::string_view::npos ? text : text.substr(0, dots);
    const std::string_view to = dots == std::string_view::npos ? text : text.substr(dots + 2);
    if (excluded || (from.empty() && to.empty())) {
      throw Error(Error::kBadQuery, "date: needs a period, e.g. date:1404/09..1404/10",
                  Location{"query", 0, at_});
    }
    parsed_.dates.push_back(parse_period(from, to, "query date:"));
    parsed_.date_fields.push_back("date:" + std::string(text));
  }

  // Only the first kMaxQueryWords words are searched: the matcher's cost
  // grows faster than the number of words (a pasted 10,000-word text took
  // 8 s on a 40-document index), and the words after the first few hundred
  // no longer change which documents rank first.
  void keep_first_words() {
    std::vector<QueryClause>& clauses = parsed_.clauses;
    std::size_t words = 0;
    for (auto clause = clauses.begin(); clause != clauses.end(); ++clause) {
      if (words + clause->tokens.size() >= kMaxQueryWords) {
        clause->tokens.resize(kMaxQueryWords - words);
        clauses.erase(std::next(clause), clauses.end());
        break;
      }
      words += clause->tokens.size();
    }
  }

  // The tree of OR and AND over the clauses kept.
  void add_tree() {
    // The clauses cut off by keep_first_words() leave the tree with them.
    const auto cut = std::find_if(items_.begin(), items_.end(), [&](const Item& item) {
      return item.kind == Item::Kind::kClause && item.clause >= parsed_.clauses.size();
    });
    if (cut != items_.end()) {
      items_.erase(cut, items_.end());
      while (!items_.empty() && items_.back().kind != Item::Kind::kClause &&
             items_.back().kind != Item::Kind::kClose) {
        items_.pop_back();
      }
    }
    if (!items_.empty()) {
      parsed_.tree.push_back(TreeBuilder(items_).build());
    }
  }

  std::string_view query_;
  std::size_t at_ = 0;
  ParsedQuery parsed_;
  std::vector<Item> items_;
  bool has_operator_ = false;
};

}  // namespace

void ParsedQuery::require_words_or(bool other_filters) const {
  if (!has_words() && !other_filters && sources.empty() && dates.empty() && fields.empty()) {
    throw Error(Error::kBadQuery,
                clauses.empty() ? "query has no words to search for"
                                : "query only excludes words: add a word to search for",
                Location{"query", 0, 0});
  }
}

bool ParsedQuery::has_words() const {
  for (const QueryClause& clause : clauses) {
    if (!clause.excluded) {
      return true;
    }
  }
  return false;
}

DayRange parse_period(std::string_view from, std::string_view to, std::string_view where) {
  DayRange range{std::numeric_limits<long>::min() / 2, std::numeric_limits<long>::max() / 2};
  const auto read = [&](std::string_view text) {
    const auto r = parse_date_range(text);
    if (!r) {
      throw Error(
          Error::kBadQuery,
          fmt::format("\"{}\" is not a date (try 1404/09/21, 1404/09, 1404 or 2025-12-12)", text),
          Location{std::string(where)});
    }
    return *r;
  };
  if (!from.empty()) {
    range.first = read(from).first;
  }
  if (!to.empty()) {
    range.last = read(to).last;  // a partial end includes its whole period
  }
  if (range.first > range.last) {
    throw Error(Error::kBadQuery, "the period ends before it begins", Location{std::string(where)});
  }
  return range;
}

ParsedQuery parse_query(std::string_view query) {
  if (const auto bad = find_invalid_utf8(query)) {
    throw Error(Error::kBadQuery, "query is not valid UTF-8", Location{"query", 0, *bad});
  }
  return Parser(query).parse();
}

}  // namespace kavosh
