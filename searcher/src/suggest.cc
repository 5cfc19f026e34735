#include "searcher/src/suggest.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "common/schema.h"
#include "common/utf8.h"

namespace kavosh {
namespace {

// Letters that sound alike in Persian and are often confused in writing.
int sound_group(char32_t c) {
  switch (c) {
    case U'ز':
    case U'ذ':
    case U'ض':
    case U'ظ':
      return 1;
    case U'س':
    case U'ص':
    case U'ث':
      return 2;
    case U'ت':
    case U'ط':
      return 3;
    case U'ه':
    case U'ح':
      return 4;
    case U'ق':
    case U'غ':
      return 5;
    case U'ا':
    case U'ع':
      return 6;
    default:
      return 0;
  }
}

double substitution_cost(char32_t a, char32_t b) {
  if (a == b) {
    return 0;
  }
  const int g = sound_group(a);
  return g != 0 && g == sound_group(b) ? 0.5 : 1;
}

// Joining a query word with the next one, when the two were typed apart.
bool known(const Xapian::Database& db, const std::string& term) {
  return term.size() <= schema::kMaxTermBytes && db.term_exists(term);
}

// Whether some document has `left` right before `right`.
bool adjacent_somewhere(const Xapian::Database& db, const std::string& left,
                        const std::string& right) {
  const std::vector<std::string> terms{left, right};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), 2));
  return !enquire.get_mset(0, 1).empty();
}

// The best split of `term` into two known words, as "left right".
std::string best_split(const Xapian::Database& db, const std::string& term) {
  std::string best;
  Xapian::doccount best_freq = 0;
  int letters = 0;
  for (std::size_t i = 0; i < term.size();) {
    next_code_point(term, i);
    if (++letters < 2 || term.size() - i < 4) {
      continue;
    }
    const std::string left = term.substr(0, i);
    const std::string right = term.substr(i);
    const Xapian::doccount freq = std::min(db.get_termfreq(left), db.get_termfreq(right));
    if (freq > best_freq && adjacent_somewhere(db, left, right)) {
      best_freq = freq;
      best = left + " " + right;
    }
  }
  return best;
}

// The most frequent indexed word close to `term`.
std::string closest(const Xapian::Database& db, const std::string& term) {
  const std::u32string word = decode_utf8(term);
  if (word.size() < 3) {
    return {};
  }
  const double max_distance = word.size() <= 4 ? 1 : 2;
  const auto word_length = static_cast<double>(word.size());
  std::string best;
  double best_distance = max_distance + 1;
  Xapian::doccount best_freq = 0;
  // Words that start with the same letter: a typo rarely hits the first.
  std::size_t first_end = 0;
  next_code_point(term, first_end);
  const std::string first = term.substr(0, first_end);
  for (auto it = db.allterms_begin(first); it != db.allterms_end(first); ++it) {
    const std::string candidate = *it;
    const std::u32string other = decode_utf8(candidate);
    const auto length = static_cast<double>(other.size());
    if (length + max_distance < word_length || length > word_length + max_distance) {
      continue;
    }
    const double d = spelling_distance(word, other);
    if (d == 0 || d > max_distance) {
      continue;
    }
    const Xapian::doccount freq = it.get_termfreq();
    if (d < best_distance || (d == best_distance && freq > best_freq)) {
      best = candidate;
      best_distance = d;
      best_freq = freq;
    }
  }
  return best;
}

}  // namespace

double spelling_distance(std::u32string_view a, std::u32string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) {
    d[i][0] = static_cast<double>(i);
  }
  for (std::size_t j = 0; j <= m; ++j) {
    d[0][j] = static_cast<double>(j);
  }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + substitution_cost(a[i - 1], b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string suggest(const std::vector<QueryClause>& clauses, const Xapian::Database& db) {
  std::vector<std::string> words;
  bool changed = false;
  for (std::size_t c = 0; c < clauses.size(); ++c) {
    const QueryClause& clause = clauses[c];
    if (clause.excluded) {
      continue;
    }
    if (clause.prefix) {  // not a word, the start of some
      words.push_back(clause.tokens[0].term + "*");
      continue;
    }
    for (std::size_t t = 0; t < clause.tokens.size(); ++t) {
      const Token& token = clause.tokens[t];
      if (known(db, token.term)) {
        words.push_back(token.term);
        continue;
      }
      // Split apart, and the next word typed apart: join them.
      const bool has_next_word =
          t + 1 < clause.tokens.size() ||
          (c + 1 < clauses.size() && !clauses[c + 1].excluded && !clauses[c + 1].prefix);
      if (has_next_word) {
        const Token& next =
            t + 1 < clause.tokens.size() ? clause.tokens[t + 1] : clauses[c + 1].tokens.front();
        if (!known(db, next.term) && known(db, token.term + next.term)) {
          words.push_back(token.term + next.term);
          changed = true;
          if (t + 1 < clause.tokens.size()) {
            ++t;
          } else {
            ++c;
            t = clause.tokens.size();
          }
          continue;
        }
      }
      std::string fix = best_split(db, token.term);
      if (fix.empty()) {
        fix = closest(db, token.term);
      }
      if (fix.empty()) {
        words.push_back(token.term);
      } else {
        words.push_back(fix);
        changed = true;
      }
    }
  }
  if (!changed) {
    return {};
  }
  std::string out;
  for (const std::string& w : words) {
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

}  // namespace kavosh
