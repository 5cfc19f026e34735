#include "searcher/src/page.h"

#include <algorithm>

namespace kavosh {

std::size_t Page::wanted(std::size_t pool) const { return std::max(pool, offset_ + limit_); }

Span Page::in_pool(std::size_t pool) const {
  if (offset_ >= pool) {
    return {};
  }
  return {offset_, std::min(offset_ + limit_, pool) - offset_};
}

std::size_t Page::after_pool(std::size_t pool) const { return std::max(offset_, pool); }

Span Page::second_tier(std::uint64_t first_count) const {
  const std::size_t left = limit_ - std::min(first_hits_, limit_);
  const std::size_t offset =
      offset_ > first_count ? offset_ - static_cast<std::size_t>(first_count) : 0;
  return {offset, left};
}

}  // namespace kavosh
