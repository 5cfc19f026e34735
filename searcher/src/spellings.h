// The spellings of query words that the index vocabulary knows: a word
// typed apart found joined ("رئیس جمهور" -> "رئیسجمهور"), a word typed
// joined found apart ("رئیسجمهور" -> "رئیس جمهور", "درتهران" -> "در
// تهران"), and the written form of a spoken one ("میگیره" -> "میگیرد").
#ifndef KAVOSH_SEARCHER_SPELLINGS_H_
#define KAVOSH_SEARCHER_SPELLINGS_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "common/tokenizer.h"

namespace kavosh {

// Looks words up in one database, which it keeps a reference to: the
// database must outlive it. As a Xapian::Database, not safe to share
// between threads.
class Spellings {
 public:
  // One spelling: a sequence of terms, read as a phrase.
  using Spelling = std::vector<std::string>;

  explicit Spellings(const Xapian::Database& db) : db_(db) {}

  // Whether the index holds `term` (false for a term too long to index).
  bool exists(const std::string& term) const;

  // The joined spelling of two words typed apart, if the index knows it as
  // one word; empty otherwise.
  std::string joined(const Token& a, const Token& b) const;

  // Ways to read a word typed without half-spaces as two indexed words,
  // most frequent first, at most kMaxSplits (ranking_constants.h).
  std::vector<Spelling> splits(const std::string& term) const;

  // The other spellings of one token: its half-space parts, or its splits.
  // None without the zwnj feature (common/features.h).
  std::vector<Spelling> variants(const Token& token) const;

  // The spellings of `tokens` read as a phrase: every combination of each
  // word's spellings, in order, the typed one first; at most
  // kMaxPhraseVariants.
  std::vector<Spelling> phrase_spellings(const std::vector<Token>& tokens) const;

  // For a word the index knows in no form (neither it nor `own_stem`, its
  // stem), the stem of the first of its written forms that the index
  // knows; empty otherwise.
  std::string written_stem(const Token& token, const std::string& own_stem) const;

 private:
  const Xapian::Database& db_;
};

// Spellings(db).phrase_spellings(tokens): the spellings of `tokens` read as
// a phrase, as a quoted phrase is searched.
std::vector<std::vector<std::string>> phrase_spellings(const std::vector<Token>& tokens,
                                                       const Xapian::Database& db);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_SPELLINGS_H_
