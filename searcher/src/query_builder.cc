#include "searcher/src/query_builder.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/features.h"
#include "common/schema.h"
#include "common/stemmer.h"
#include "common/stopwords.h"
#include "searcher/src/prefix.h"
#include "searcher/src/query_ops.h"
#include "searcher/src/ranking_constants.h"
#include "searcher/src/spellings.h"

namespace kavosh {
namespace {

// Every spelling of a word counts as one term (Xapian's OP_SYNONYM: its
// frequencies are those of all spellings together), and the spelling the
// reader typed earns kExactBonus on top, so it ranks first. Feedback adds
// the best kFeedbackTerms words of the top kFeedbackDocuments, weighted by
// their expansion weight relative to the best one, times kFeedbackWeight.
// The numbers are in ranking_constants.h.

using Elements = std::vector<std::string>;

Xapian::Query phrase(const Elements& elements) {
  if (elements.size() == 1) {
    return Xapian::Query(elements.front());
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, elements.begin(), elements.end(),
                       static_cast<Xapian::termcount>(elements.size()));
}

// Whether no term of `q` is in more than kRareWordShare of the documents.
bool rare(const Xapian::Query& q, const Xapian::Database& db) {
  const double most = kRareWordShare * db.get_doccount();
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    if (db.get_termfreq(*t) > most) {
      return false;
    }
  }
  return true;
}

// The typed form and its other spellings as one term, the typed form first.
Xapian::Query spellings(const Xapian::Query& typed, const std::vector<Xapian::Query>& others) {
  if (others.empty()) {
    return typed;
  }
  std::vector<Xapian::Query> all{typed};
  all.insert(all.end(), others.begin(), others.end());
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_SYNONYM, all.begin(), all.end()),
                       scaled(kExactBonus, typed));
}

class Builder {
 public:
  Builder(const Xapian::Database& db, BuiltQuery& out) : db_(db), spellings_(db), out_(out) {}

  // The joined spelling of two words typed apart (Spellings::joined).
  std::string joined(const Token& a, const Token& b) const { return spellings_.joined(a, b); }

  // Whether a word is searched and highlighted by its stem `s`: not when
  // the stem is a function word ("اینتر", the football club, is not "این";
  // "این" is in nearly every document).
  static bool searchable_stem(const std::string& s, const Token& token) {
    return s == token.term || !is_stopword(s);
  }

  // The stem a word is highlighted by (empty without stems).
  static std::string token_stem(const Token& token) {
    return features().stem ? stem_token(token) : std::string();
  }

  void highlight(const Token& token) { highlight(token, token_stem(token)); }

  // `stem` is token_stem(token), when the caller has it already.
  void highlight(const Token& token, const std::string& stem) {
    out_.terms.insert(token.term);
    out_.terms.insert(token.parts.begin(), token.parts.end());
    if (!stem.empty() && searchable_stem(stem, token)) {
      out_.stems.insert(stem);
    }
  }

  // A spelling of two or more words that all are in more than a tenth of
  // the documents, one of them the word's stem: the word's stem and a
  // common affix ("کشور های" for "کشورهای"). The stem finds those
  // documents; checking the phrase means reading word positions in most of
  // the index (170 ms of a query at a million articles). When the stem is a
  // function word and so not searched ("اینتر", the club, cut as "این تر"),
  // the phrase is no spelling of the word either.
  bool costly_affix_split(const Elements& v, const std::string& stem) const {
    if (v.size() < 2) {
      return false;
    }
    const Xapian::doccount common = db_.get_doccount() / 10;
    bool has_stem = false;
    for (const std::string& e : v) {
      if (db_.get_termfreq(e) <= common) {
        return false;
      }
      has_stem = has_stem || kavosh::stem(e) == stem;
    }
    return has_stem;
  }

  // One word: its own form, its other spellings, its stem (or, for a word
  // the index does not know, the stem of its written form).
  Xapian::Query word(const Token& token, bool with_stem) {
    const std::string highlighted_stem = token_stem(token);
    highlight(token, highlighted_stem);
    const std::string own_stem = with_stem ? highlighted_stem : std::string();
    std::string stem = searchable_stem(own_stem, token) ? own_stem : std::string();
    if (!own_stem.empty()) {
      if (std::string written = spellings_.written_stem(token, own_stem); !written.empty()) {
        out_.stems.insert(written);
        stem = std::move(written);
      }
    }
    std::vector<Xapian::Query> others;
    for (const Elements& v : spellings_.variants(token)) {
      if (!own_stem.empty() && costly_affix_split(v, own_stem)) {
        continue;
      }
      others.push_back(phrase(v));
      out_.terms.insert(v.begin(), v.end());
    }
    std::vector<Xapian::Query> alternatives{spellings(Xapian::Query(token.term), others)};
    if (!stem.empty()) {
      const std::string z = schema::stem_term(stem);
      if (z.size() <= schema::kMaxTermBytes) {
        alternatives.push_back(scaled(kStemWeight, Xapian::Query(z)));
      }
    }
    return any_of(alternatives);
  }

  // Two words typed apart that the index also knows joined ("رئیس جمهور",
  // "رئیسجمهور"): read as that compound in either spelling, each word on its
  // own counting less.
  struct Pair {
    Xapian::Query score;
    Xapian::Query match;  // both words, or the joined spelling
  };
  Pair pair(const Token& a, const Token& b, const std::string& joined) {
    out_.terms.insert(joined);
    const auto weighed = [this](const Token& t) {
      const bool stop = features().stopwords && t.parts.empty() && is_stopword(t.term);
      const Xapian::Query q = word(t, !stop);
      return stop ? scaled(kStopwordWeight, q) : q;
    };
    const Xapian::Query qa = weighed(a);
    const Xapian::Query qb = weighed(b);
    std::vector<Xapian::Query> score{
        spellings(phrase({a.term, b.term}), {Xapian::Query(joined)}),
        scaled(kLooseWeight, Xapian::Query(Xapian::Query::OP_OR, qa, qb))};
    return Pair{any_of(score),
                Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND, qa, qb),
                              Xapian::Query(joined))};
  }

  // A phrase: every combination of each word's spellings, in order.
  Xapian::Query phrase_clause(const std::vector<Token>& tokens) {
    const std::vector<Elements> results = spellings_.phrase_spellings(tokens);
    for (const Token& t : tokens) {
      highlight(t);
    }
    std::vector<Xapian::Query> others;
    for (std::size_t k = 1; k < results.size(); ++k) {
      others.push_back(phrase(results[k]));
      out_.terms.insert(results[k].begin(), results[k].end());
    }
    return spellings(phrase(results.front()), others);
  }

  // title:WORD or title:"PHRASE": the words as written, in the title.
  Xapian::Query title_clause(const std::vector<Token>& tokens) {
    std::vector<std::string> terms;
    for (const Token& t : tokens) {
      highlight(t);
      terms.push_back(schema::title_term(t.term));
    }
    return phrase(terms);
  }

  // word*: the indexed words that begin so.
  Xapian::Query prefix_clause(const Token& token) {
    return expand_prefix(token.term, db_, out_.terms);
  }

  // -word, -"phrase" or -word*: the documents to leave out, without stems;
  // nothing of it is highlighted.
  Xapian::Query excluded_clause(const QueryClause& clause) const {
    BuiltQuery ignored;
    Builder plain(db_, ignored);
    if (clause.prefix) {
      return plain.prefix_clause(clause.tokens[0]);
    }
    return clause.tokens.size() == 1 ? plain.word(clause.tokens[0], false)
                                     : plain.phrase_clause(clause.tokens);
  }

 private:
  const Xapian::Database& db_;
  Spellings spellings_;
  BuiltQuery& out_;
};

// Question words, normalized ("آیا" is "ایا").
bool is_interrogative(const std::string& term) {
  static const std::unordered_set<std::string_view> kWords = {
      "چه",   "چی",  "چیست", "چرا",    "کدام",  "کدامیک", "کجا",   "کجاست", "کی",
      "کیست", "چند", "چندم", "چندمین", "چگونه", "چطور",   "چطوری", "چقدر",  "ایا"};
  return kWords.count(term) > 0;
}

bool is_stopword_clause(const QueryClause& clause) {
  return features().stopwords && clause.tokens.size() == 1 && clause.tokens[0].parts.empty() &&
         is_stopword(clause.tokens[0].term);
}

// A required clause is scored by `score` and, for two words that may be
// one compound, matched by `match` (empty: by `score`).
struct Required {
  Xapian::Query score;
  Xapian::Query match;
};

// A query's clauses by their part in it: every clause adds to the score;
// the required ones decide the tier; stopwords only score (unless the
// query has nothing else); excluded clauses leave documents out.
struct Parts {
  std::vector<Xapian::Query> scoring;
  std::vector<Xapian::Query> typed;  // each required single word as typed
  bool all_typed = true;             // every required clause is one word
  std::vector<Required> required;
  std::vector<Xapian::Query> stopwords;
  std::vector<Xapian::Query> excluded;

  void require(const Xapian::Query& q, const Xapian::Query& match = Xapian::Query()) {
    scoring.push_back(q);
    required.push_back({q, match});
  }
};

// Reads the clauses of a query into its Parts, each clause built with
// every spelling of its words; what to highlight, and whether the query
// asks a question, go to the BuiltQuery.
class ClauseReader {
 public:
  ClauseReader(const Xapian::Database& db, BuiltQuery& out) : builder_(db, out), out_(out) {}

  Parts read(const std::vector<QueryClause>& clauses) {
    for (std::size_t i = 0; i < clauses.size();) {
      i += add(clauses, i);
    }
    if (parts_.required.empty()) {  // a query of stopwords only: they are the words
      for (const Xapian::Query& q : parts_.stopwords) {
        parts_.required.push_back({q, {}});
      }
      parts_.stopwords.clear();
    }
    return std::move(parts_);
  }

 private:
  // The clause at `i`; returns how many clauses it read.
  std::size_t add(const std::vector<QueryClause>& clauses, std::size_t i) {
    const QueryClause& clause = clauses[i];
    if (clause.excluded) {
      parts_.excluded.push_back(builder_.excluded_clause(clause));
      return 1;
    }
    if (clause.prefix || clause.title_only || clause.tokens.size() > 1) {
      parts_.all_typed = false;
    }
    if (clause.prefix) {
      parts_.require(builder_.prefix_clause(clause.tokens[0]));
    } else if (clause.title_only) {
      parts_.require(builder_.title_clause(clause.tokens));
    } else if (clause.tokens.size() > 1) {
      parts_.require(builder_.phrase_clause(clause.tokens));
    } else {
      return add_word(clauses, i);
    }
    return 1;
  }

  // The one word of the clause at `i`, read with the next clause's word as
  // one compound when the index knows them joined; returns how many
  // clauses it read.
  std::size_t add_word(const std::vector<QueryClause>& clauses, std::size_t i) {
    const Token& token = clauses[i].tokens[0];
    out_.interrogative = out_.interrogative || is_interrogative(token.term);
    if (i + 1 < clauses.size() && !clauses[i + 1].excluded && !clauses[i + 1].prefix &&
        clauses[i + 1].tokens.size() == 1) {
      const std::string joined = builder_.joined(token, clauses[i + 1].tokens[0]);
      if (!joined.empty()) {
        parts_.all_typed = false;
        const auto pair = builder_.pair(token, clauses[i + 1].tokens[0], joined);
        parts_.require(pair.score, pair.match);
        return 2;
      }
    }
    if (is_stopword_clause(clauses[i])) {
      const Xapian::Query q = scaled(kStopwordWeight, builder_.word(token, false));
      parts_.scoring.push_back(q);
      parts_.stopwords.push_back(q);
    } else {
      parts_.require(builder_.word(token, true));
      parts_.typed.emplace_back(token.term);
    }
    return 1;
  }

  Builder builder_;
  BuiltQuery& out_;
  Parts parts_;
};

// `q` without the documents of any excluded clause.
Xapian::Query without(const Xapian::Query& q, const std::vector<Xapian::Query>& excluded) {
  if (excluded.empty()) {
    return q;
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q, any_of(excluded));
}

// What each required clause matches by.
std::vector<Xapian::Query> matches(const Parts& parts) {
  std::vector<Xapian::Query> out;
  for (const Required& r : parts.required) {
    out.push_back(r.match.empty() ? r.score : r.match);
  }
  return out;
}

// The two tiers of `any`, which both score alike: the documents with every
// required clause (`matched`), then the rest. The first is built as an AND
// of the clauses themselves, each read once, so Xapian's matcher can skip
// through the rarest word's postings instead of merging every word's.
std::pair<Xapian::Query, Xapian::Query> tiers(const Parts& parts, const Xapian::Query& any,
                                              const std::vector<Xapian::Query>& matched) {
  std::vector<Xapian::Query> each;
  for (const Required& r : parts.required) {
    each.push_back(r.match.empty() ? r.score
                                   : Xapian::Query(Xapian::Query::OP_FILTER, r.score, r.match));
  }
  Xapian::Query first(Xapian::Query::OP_AND, each.begin(), each.end());
  if (!parts.stopwords.empty()) {
    first = Xapian::Query(Xapian::Query::OP_AND_MAYBE, first, any_of(parts.stopwords));
  }
  const Xapian::Query all(Xapian::Query::OP_AND, matched.begin(), matched.end());
  return {without(first, parts.excluded),
          without(Xapian::Query(Xapian::Query::OP_AND_NOT, any, all), parts.excluded)};
}

}  // namespace

BuiltQuery build_query(const std::vector<QueryClause>& clauses, const Xapian::Database& db) {
  BuiltQuery out;
  const Parts parts = ClauseReader(db, out).read(clauses);
  if (parts.scoring.empty()) {  // filters only
    out.first = without(match_all(), parts.excluded);
    return out;
  }
  const Xapian::Query any = any_of(parts.scoring);
  // Documents with every word first, for queries of up to kMaxTieredWords
  // words. Longer queries are rarely found whole: there BM25 alone ranks
  // better (bench/relevance: +0.02 nDCG@10 on Hamshahri's 3-6 word queries).
  if (!features().tiers || parts.scoring.size() == 1 || parts.required.size() < 2) {
    out.first = without(any, parts.excluded);
    return out;
  }
  const std::vector<Xapian::Query> matched = matches(parts);
  if (parts.all_typed && parts.typed.size() == parts.required.size() && parts.typed.size() >= 2 &&
      std::all_of(parts.typed.begin(), parts.typed.end(),
                  [&](const Xapian::Query& q) { return rare(q, db); })) {
    out.typed_all = Xapian::Query(Xapian::Query::OP_AND, parts.typed.begin(), parts.typed.end());
  }
  if (parts.required.size() > kMaxTieredWords) {
    out.first = without(any, parts.excluded);
    if (features().rare_tiers && std::all_of(matched.begin(), matched.end(),
                                             [&](const Xapian::Query& q) { return rare(q, db); })) {
      std::tie(out.rare_first, out.rare_second) = tiers(parts, any, matched);
    }
    return out;
  }
  std::tie(out.first, out.second) = tiers(parts, any, matched);
  out.tiered = true;
  return out;
}

}  // namespace kavosh
