#include "searcher/src/query_builder.h"

#include <algorithm>
#include <functional>

#include "common/features.h"
#include "common/schema.h"
#include "common/stemmer.h"
#include "common/stopwords.h"
#include "common/utf8.h"
#include "searcher/src/prefix.h"
#include "searcher/src/query_ops.h"
#include "searcher/src/ranking_constants.h"

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

// The closed classes written with a half-space: verbal and negative
// prefixes here, and the suffixes of common/stemmer.h (splits_off_as_suffix).
bool is_prefix(std::string_view s) {
  static const std::unordered_set<std::string_view> kPrefixes = {"می", "نمی", "بی", "نا"};
  return kPrefixes.count(s) > 0;
}

// Short words that a hurried reader runs into the next or the previous
// word without a space ("درتهران", "ازچه", "تهرانرا"). They are read apart
// only in a word the index does not know: "درمان", "بازار", "برنامه" are
// words of their own.
bool is_particle_before(std::string_view s) {
  static const std::unordered_set<std::string_view> kParticles = {"در", "از", "به", "با",
                                                                  "بر", "تا", "و",  "که"};
  return kParticles.count(s) > 0;
}

bool is_particle_after(std::string_view s) { return s == "را"; }

// The written forms a word typed as it is spoken, or in the subjunctive,
// may stand for, most likely first: "بخوریم" (let us eat) and "نخوریم" as
// "میخوریم" and "نمیخوریم", whose stem the index holds; the spoken person
// endings "میگیره" -> "میگیرد", "میکنن" -> "میکنند", "میکنین" -> "میکنید";
// and the clitics "کشورمان" -> "کشور". Only for words the index does not
// know (Builder::written_stem), and only where the index knows the result.
// The copula run into a word ("اروپاست", "خوبه") is not read apart: a
// final ه is as often the word's own (bench/relevance: fa-qa-ir-combined
// 0.8889 -> 0.8888 with it).
std::vector<std::string> written_forms(const std::string& w) {
  constexpr std::size_t kMinRest = 4;  // two Persian letters
  std::string verb;                    // the continuous form, if `w` is a verb
  if (w.starts_with("نمی") || w.starts_with("می")) {
    verb = w;
  } else if (w.starts_with("ب") && w.size() >= 8) {
    verb = "می" + w.substr(2);
  } else if (w.starts_with("ن") && w.size() >= 8) {
    verb = "نمی" + w.substr(2);
  }
  std::vector<std::string> out;
  if (!verb.empty()) {
    if (verb != w) {
      out.push_back(verb);
    }
    if (verb.ends_with("ه") || verb.ends_with("ین")) {  // the last letter becomes د
      out.push_back(verb.substr(0, verb.size() - 2) + "د");
    } else if (verb.ends_with("ن") && !verb.ends_with("ند")) {
      out.push_back(verb + "د");
    }
  }
  for (const std::string_view ending : {"مان", "تان", "شان"}) {
    if (w.ends_with(ending) && w.size() - ending.size() >= kMinRest) {
      out.push_back(w.substr(0, w.size() - ending.size()));
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const Xapian::Database& db, BuiltQuery& out) : db_(db), out_(out) {}

  bool exists(const std::string& term) const {
    return term.size() <= schema::kMaxTermBytes && db_.term_exists(term);
  }

  // The joined spelling of two words typed apart, if the index knows it as
  // one word; empty otherwise. A stopword joins freely only as a prefix
  // (می، نمی، بی، نا) or a suffix (ها، تر، ...); otherwise the joined word
  // must be common, not a stray typo: "بین المللی" is "بینالمللی", but
  // "و میر" is not "ومیر".
  std::string joined(const Token& a, const Token& b) const {
    if (!features().zwnj || !a.parts.empty() || !b.parts.empty()) {
      return {};
    }
    std::string joined = a.term + b.term;
    if (!exists(joined)) {
      return {};
    }
    const bool closed_class = (!is_stopword(a.term) || is_prefix(a.term)) &&
                              (!is_stopword(b.term) || splits_off_as_suffix(b.term));
    if (closed_class) {
      return joined;
    }
    // "و" is a conjunction, never half of a compound ("مرگ و میر").
    if (a.term.size() <= 2 || b.term.size() <= 2) {
      return {};
    }
    const Xapian::doccount together = db_.get_termfreq(joined);
    return together >= 2 && together * 10 >= db_.get_termfreq(b.term) ? joined : std::string();
  }

  // Ways to read a word typed without half-spaces as two indexed words,
  // most frequent first ("رییسجمهور" -> رییس + جمهور); a word the index does
  // not know may also be a particle run into a word ("درتهران" -> در +
  // تهران).
  std::vector<Elements> splits(const std::string& term) const {
    std::vector<std::pair<Xapian::doccount, Elements>> found;
    const bool unknown = !exists(term);
    int letters = 0;
    for (std::size_t i = 0; i < term.size();) {
      next_code_point(term, i);
      ++letters;
      if (letters < 2 || i >= term.size()) {
        continue;
      }
      const std::string left = term.substr(0, i);
      const std::string right = term.substr(i);
      // Short halves only as the known affixes: "گی|ری" is no compound.
      const bool left_ok = left.size() >= 6 || is_prefix(left) ||
                           (unknown && is_particle_before(left) && right.size() >= 6);
      const bool right_ok = right.size() >= 6 || splits_off_as_suffix(right) ||
                            (unknown && is_particle_after(right) && left.size() >= 6);
      if (!left_ok || !right_ok) {
        continue;
      }
      const Xapian::doccount lf = db_.get_termfreq(left);
      const Xapian::doccount rf = lf == 0 ? 0 : db_.get_termfreq(right);
      if (rf > 0) {
        found.emplace_back(std::min(lf, rf), Elements{left, right});
      }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Elements> out;
    for (std::size_t k = 0; k < found.size() && k < kMaxSplits; ++k) {
      out.push_back(std::move(found[k].second));
    }
    return out;
  }

  // The other spellings of one token, each a sequence of terms.
  std::vector<Elements> variants(const Token& token) const {
    if (!features().zwnj) {
      return {};
    }
    if (!token.parts.empty()) {
      return {token.parts};
    }
    return splits(token.term);
  }

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

  // For a word the index knows in no form, the stem of the first of its
  // written forms that the index knows; empty otherwise.
  std::string written_stem(const Token& token, const std::string& own_stem) const {
    if (!token.parts.empty() || exists(token.term) || exists(schema::stem_term(own_stem))) {
      return {};
    }
    for (const std::string& form : written_forms(token.term)) {
      std::string s = kavosh::stem(form);
      if (!is_stopword(s) && !is_stopword(form) && exists(schema::stem_term(s))) {
        return s;
      }
    }
    return {};
  }

  // One word: its own form, its other spellings, its stem (or, for a word
  // the index does not know, the stem of its written form).
  Xapian::Query word(const Token& token, bool with_stem) {
    const std::string highlighted_stem = token_stem(token);
    highlight(token, highlighted_stem);
    const std::string own_stem = with_stem ? highlighted_stem : std::string();
    std::string stem = searchable_stem(own_stem, token) ? own_stem : std::string();
    if (!own_stem.empty()) {
      if (std::string written = written_stem(token, own_stem); !written.empty()) {
        out_.stems.insert(written);
        stem = std::move(written);
      }
    }
    std::vector<Xapian::Query> others;
    for (const Elements& v : variants(token)) {
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

  // A phrase's spellings: every combination of each word's spellings, in
  // order, the typed one first.
  std::vector<Elements> phrase_spellings(const std::vector<Token>& tokens) const {
    std::vector<Elements> results;
    Elements current;
    std::function<void(std::size_t)> expand = [&](std::size_t i) {
      if (results.size() >= kMaxPhraseVariants) {
        return;
      }
      if (i == tokens.size()) {
        results.push_back(current);
        return;
      }
      const std::size_t mark = current.size();
      current.push_back(tokens[i].term);
      expand(i + 1);
      current.resize(mark);
      for (const Elements& v : variants(tokens[i])) {
        current.insert(current.end(), v.begin(), v.end());
        expand(i + 1);
        current.resize(mark);
      }
      if (i + 1 < tokens.size()) {
        const std::string together = joined(tokens[i], tokens[i + 1]);
        if (!together.empty()) {
          current.push_back(together);
          expand(i + 2);
          current.resize(mark);
        }
      }
    };
    expand(0);
    return results;
  }

  // A phrase: every combination of each word's spellings, in order.
  Xapian::Query phrase_clause(const std::vector<Token>& tokens) {
    const std::vector<Elements> results = phrase_spellings(tokens);
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

 private:
  const Xapian::Database& db_;
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

}  // namespace

BuiltQuery build_query(const std::vector<QueryClause>& clauses, const Xapian::Database& db) {
  BuiltQuery out;
  Builder builder(db, out);
  // Every clause adds to the score; the required ones decide the tier. A
  // required clause is scored by `score` and, for two words that may be one
  // compound, matched by `match` (empty: by `score`).
  struct Required {
    Xapian::Query score;
    Xapian::Query match;
  };
  std::vector<Xapian::Query> scoring;
  std::vector<Required> required;
  std::vector<Xapian::Query> stopwords;
  std::vector<Xapian::Query> excluded;

  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const QueryClause& clause = clauses[i];
    if (clause.prefix) {
      BuiltQuery ignored;
      const Xapian::Query q =
          expand_prefix(clause.tokens[0].term, db, clause.excluded ? ignored.terms : out.terms);
      if (clause.excluded) {
        excluded.push_back(q);
      } else {
        scoring.push_back(q);
        required.push_back({q, {}});
      }
      continue;
    }
    if (clause.excluded) {
      BuiltQuery ignored;
      Builder plain(db, ignored);
      excluded.push_back(clause.tokens.size() == 1 ? plain.word(clause.tokens[0], false)
                                                   : plain.phrase_clause(clause.tokens));
      continue;
    }
    if (clause.title_only) {
      std::vector<std::string> terms;
      for (const Token& t : clause.tokens) {
        builder.highlight(t);
        terms.push_back(schema::title_term(t.term));
      }
      const Xapian::Query q = phrase(terms);
      scoring.push_back(q);
      required.push_back({q, {}});
      continue;
    }
    if (clause.tokens.size() > 1) {
      const Xapian::Query q = builder.phrase_clause(clause.tokens);
      scoring.push_back(q);
      required.push_back({q, {}});
      continue;
    }
    const Token& token = clause.tokens[0];
    out.interrogative = out.interrogative || is_interrogative(token.term);
    // Two words typed apart that the index knows joined.
    if (i + 1 < clauses.size() && !clauses[i + 1].excluded && !clauses[i + 1].prefix &&
        clauses[i + 1].tokens.size() == 1) {
      const std::string joined = builder.joined(token, clauses[i + 1].tokens[0]);
      if (!joined.empty()) {
        const auto pair = builder.pair(token, clauses[i + 1].tokens[0], joined);
        scoring.push_back(pair.score);
        required.push_back({pair.score, pair.match});
        ++i;
        continue;
      }
    }
    if (is_stopword_clause(clause)) {
      const Xapian::Query q = scaled(kStopwordWeight, builder.word(token, false));
      scoring.push_back(q);
      stopwords.push_back(q);
    } else {
      const Xapian::Query q = builder.word(token, true);
      scoring.push_back(q);
      required.push_back({q, {}});
    }
  }
  if (required.empty()) {  // a query of stopwords only: they are the words
    for (const Xapian::Query& q : stopwords) {
      required.push_back({q, {}});
    }
    stopwords.clear();
  }
  if (scoring.empty()) {  // filters only
    out.first = excluded.empty()
                    ? match_all()
                    : Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), any_of(excluded));
    return out;
  }

  const auto without_excluded = [&](const Xapian::Query& q) {
    if (excluded.empty()) {
      return q;
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT, q, any_of(excluded));
  };
  const Xapian::Query any = any_of(scoring);
  // Documents with every word first, for queries of up to kMaxTieredWords
  // words. Longer queries are rarely found whole: there BM25 alone ranks
  // better (bench/relevance: +0.02 nDCG@10 on Hamshahri's 3-6 word queries).
  if (!features().tiers || scoring.size() == 1 || required.size() < 2) {
    out.first = without_excluded(any);
    return out;
  }
  // Both tiers score alike; the first holds the documents with every
  // required clause. It is built as an AND of the clauses themselves, each
  // read once, so Xapian's matcher can skip through the rarest word's
  // postings instead of merging every word's.
  std::vector<Xapian::Query> each;
  std::vector<Xapian::Query> matches;
  for (const Required& r : required) {
    each.push_back(r.match.empty() ? r.score
                                   : Xapian::Query(Xapian::Query::OP_FILTER, r.score, r.match));
    matches.push_back(r.match.empty() ? r.score : r.match);
  }
  Xapian::Query first(Xapian::Query::OP_AND, each.begin(), each.end());
  if (!stopwords.empty()) {
    first = Xapian::Query(Xapian::Query::OP_AND_MAYBE, first, any_of(stopwords));
  }
  const Xapian::Query all(Xapian::Query::OP_AND, matches.begin(), matches.end());
  if (required.size() > kMaxTieredWords) {
    out.first = without_excluded(any);
    if (features().rare_tiers && std::all_of(matches.begin(), matches.end(),
                                             [&](const Xapian::Query& q) { return rare(q, db); })) {
      out.rare_first = without_excluded(first);
      out.rare_second = without_excluded(Xapian::Query(Xapian::Query::OP_AND_NOT, any, all));
    }
    return out;
  }
  out.first = without_excluded(first);
  out.second = without_excluded(Xapian::Query(Xapian::Query::OP_AND_NOT, any, all));
  out.tiered = true;
  return out;
}

std::vector<std::vector<std::string>> phrase_spellings(const std::vector<Token>& tokens,
                                                       const Xapian::Database& db) {
  BuiltQuery ignored;
  return Builder(db, ignored).phrase_spellings(tokens);
}

}  // namespace kavosh
