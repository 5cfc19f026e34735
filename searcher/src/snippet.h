// Snippets and highlights on the original text of a document.
#ifndef KAVOSH_SEARCHER_SNIPPET_H_
#define KAVOSH_SEARCHER_SNIPPET_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/tokenizer.h"
#include "kavosh/searcher.h"

namespace kavosh {

// Which words of a text a query matched: by term, by a half-space part, or
// by stem.
struct Matcher {
  const std::unordered_set<std::string>& terms;
  const std::unordered_set<std::string>& stems;

  bool matches(const Token& token) const;
};

struct Snippet {
  std::string text;
  std::vector<Range> highlights;  // byte ranges into `text`
};

// The passage of about `max_bytes` of `text` holding the most distinct
// `terms`, cut at word boundaries, "…" marking a cut, newlines as spaces.
// With no match, the start of the text.
Snippet make_snippet(std::string_view text, const Matcher& matcher, std::size_t max_bytes);

// Byte ranges of the words of `text` whose terms are in `terms`.
std::vector<Range> highlight(std::string_view text, const Matcher& matcher);

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_SNIPPET_H_
