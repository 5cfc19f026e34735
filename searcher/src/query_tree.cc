#include "searcher/src/query_tree.h"

#include <vector>

#include "common/features.h"
#include "common/stopwords.h"

namespace kavosh {
namespace {

Xapian::Query any_of(const std::vector<Xapian::Query>& queries) {
  if (queries.size() == 1) {
    return queries.front();
  }
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

class TreeQuery {
 public:
  TreeQuery(const ParsedQuery& parsed, const Xapian::Database& db, BuiltQuery& out)
      : parsed_(parsed), db_(db), out_(out) {}

  Xapian::Query node(const QueryNode& node) {
    if (node.kind == QueryNode::Kind::kClause) {
      const Xapian::Query q = clause(node.clause);
      return excluded(node) ? Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), q) : q;
    }
    std::vector<Xapian::Query> wanted;
    std::vector<Xapian::Query> optional;
    std::vector<Xapian::Query> unwanted;
    for (const QueryNode& child : node.children) {
      if (excluded(child)) {
        unwanted.push_back(clause(child.clause));
      } else if (node.kind == QueryNode::Kind::kAnd && is_stopword(child)) {
        optional.push_back(clause(child.clause));
      } else {
        wanted.push_back(this->node(child));
      }
    }
    if (node.kind == QueryNode::Kind::kOr) {
      for (const Xapian::Query& q : unwanted) {
        wanted.emplace_back(Xapian::Query::OP_AND_NOT, match_all(), q);
      }
      return any_of(wanted);
    }
    if (wanted.empty() && !optional.empty()) {  // stopwords only: they are the words
      wanted.push_back(any_of(optional));
      optional.clear();
    }
    Xapian::Query q = wanted.empty()
                          ? match_all()
                          : Xapian::Query(Xapian::Query::OP_AND, wanted.begin(), wanted.end());
    if (!optional.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, any_of(optional));
    }
    if (!unwanted.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, any_of(unwanted));
    }
    return q;
  }

 private:
  bool excluded(const QueryNode& n) const {
    return n.kind == QueryNode::Kind::kClause && parsed_.clauses[n.clause].excluded;
  }

  bool is_stopword(const QueryNode& n) const {
    if (n.kind != QueryNode::Kind::kClause) {
      return false;
    }
    const QueryClause& c = parsed_.clauses[n.clause];
    return features().stopwords && !c.prefix && c.tokens.size() == 1 && c.tokens[0].parts.empty() &&
           kavosh::is_stopword(c.tokens[0].term);
  }

  // One clause, read as build_query reads a query of that clause alone.
  Xapian::Query clause(std::size_t index) {
    QueryClause c = parsed_.clauses[index];
    const bool shown = !c.excluded;
    c.excluded = false;
    BuiltQuery one = build_query({c}, db_);
    if (shown) {
      out_.terms.merge(one.terms);
      out_.stems.merge(one.stems);
      out_.interrogative = out_.interrogative || one.interrogative;
    }
    return one.first;
  }

  const ParsedQuery& parsed_;
  const Xapian::Database& db_;
  BuiltQuery& out_;
};

}  // namespace

BuiltQuery build_tree(const ParsedQuery& parsed, const Xapian::Database& db) {
  BuiltQuery out;
  TreeQuery tree(parsed, db, out);
  out.first = tree.node(parsed.tree.front());
  return out;
}

}  // namespace kavosh
