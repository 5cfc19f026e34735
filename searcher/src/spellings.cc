#include "searcher/src/spellings.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "common/features.h"
#include "common/schema.h"
#include "common/stemmer.h"
#include "common/stopwords.h"
#include "common/utf8.h"
#include "searcher/src/ranking_constants.h"

namespace kavosh {
namespace {

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
// know (Spellings::written_stem), and only where the index knows the result.
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

}  // namespace

bool Spellings::exists(const std::string& term) const {
  return term.size() <= schema::kMaxTermBytes && db_.term_exists(term);
}

// The joined spelling of two words typed apart, if the index knows it as
// one word; empty otherwise. A stopword joins freely only as a prefix
// (می، نمی، بی، نا) or a suffix (ها، تر، ...); otherwise the joined word
// must be common, not a stray typo: "بین المللی" is "بینالمللی", but
// "و میر" is not "ومیر".
std::string Spellings::joined(const Token& a, const Token& b) const {
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
std::vector<Spellings::Spelling> Spellings::splits(const std::string& term) const {
  std::vector<std::pair<Xapian::doccount, Spelling>> found;
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
      found.emplace_back(std::min(lf, rf), Spelling{left, right});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Spelling> out;
  for (std::size_t k = 0; k < found.size() && k < kMaxSplits; ++k) {
    out.push_back(std::move(found[k].second));
  }
  return out;
}

// The other spellings of one token, each a sequence of terms.
std::vector<Spellings::Spelling> Spellings::variants(const Token& token) const {
  if (!features().zwnj) {
    return {};
  }
  if (!token.parts.empty()) {
    return {token.parts};
  }
  return splits(token.term);
}

// A phrase's spellings: every combination of each word's spellings, in
// order, the typed one first.
std::vector<Spellings::Spelling> Spellings::phrase_spellings(
    const std::vector<Token>& tokens) const {
  std::vector<Spelling> results;
  Spelling current;
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
    for (const Spelling& v : variants(tokens[i])) {
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

// For a word the index knows in no form, the stem of the first of its
// written forms that the index knows; empty otherwise.
std::string Spellings::written_stem(const Token& token, const std::string& own_stem) const {
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

std::vector<std::vector<std::string>> phrase_spellings(const std::vector<Token>& tokens,
                                                       const Xapian::Database& db) {
  return Spellings(db).phrase_spellings(tokens);
}

}  // namespace kavosh
