// Where the hits of one page of results come from. A ranking is made of
// parts: the first tier (documents with every required word), whose best
// kRerankPool documents feedback may re-rank as a pool, and the second
// tier after it. A page (SearchOptions::offset and limit) takes from each
// part in turn what falls inside it; this class does the arithmetic, and
// the searcher the searches.
#ifndef KAVOSH_SEARCHER_PAGE_H_
#define KAVOSH_SEARCHER_PAGE_H_

#include <cstddef>
#include <cstdint>

namespace kavosh {

// A run of ranks of one part: from its `offset`-th document, `count` of them.
struct Span {
  std::size_t offset = 0;
  std::size_t count = 0;

  bool operator==(const Span&) const = default;
};

class Page {
 public:
  Page(std::size_t offset, std::size_t limit) : offset_(offset), limit_(limit) {}

  std::size_t offset() const { return offset_; }
  std::size_t limit() const { return limit_; }

  // How many of the first tier's best documents a search must read to
  // re-rank a pool of `pool` and still fill the page after it.
  std::size_t wanted(std::size_t pool) const;

  // Of a first tier whose best `pool` documents were re-ranked: the ranks
  // of the page inside the pool (count 0 if the page starts after it), and
  // the first rank after the pool the page takes from the search that
  // chose the pool, whose order the documents after it keep.
  Span in_pool(std::size_t pool) const;
  std::size_t after_pool(std::size_t pool) const;

  // Records that the first tier filled `n` places of the page.
  void took_first(std::size_t n) { first_hits_ += n; }
  std::size_t first_hits() const { return first_hits_; }

  // The second tier's part of the page, after a first tier of
  // `first_count` documents: the places the first tier left, from the
  // rank the page reaches into the second tier.
  Span second_tier(std::uint64_t first_count) const;

 private:
  std::size_t offset_;
  std::size_t limit_;
  std::size_t first_hits_ = 0;
};

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_PAGE_H_
