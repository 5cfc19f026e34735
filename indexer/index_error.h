// What the indexer throws when an index cannot be opened, written or read.
#ifndef KAVOSH_INDEXER_INDEX_ERROR_H_
#define KAVOSH_INDEXER_INDEX_ERROR_H_

#include <stdexcept>

namespace kavosh {

class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INDEX_ERROR_H_
