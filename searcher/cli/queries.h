// The queries of kavosh-search --queries FILE (or standard input): one a
// line.
#ifndef KAVOSH_SEARCHER_CLI_QUERIES_H_
#define KAVOSH_SEARCHER_CLI_QUERIES_H_

#include <cstdint>
#include <istream>
#include <string>

namespace kavosh::cli {

// Reads queries one at a time, so that each is answered before the next
// line arrives (a pipe may be a person typing). Blank lines are skipped, a
// UTF-8 byte order mark at the start is ignored, and a CR before a line's
// end is dropped (files written on Windows).
class QueryReader {
 public:
  explicit QueryReader(std::istream& in) : in_(in) {}

  // The next query and its 1-based line; false at the end of the input.
  bool next(std::string& query, std::uint64_t& line);

 private:
  std::istream& in_;
  std::uint64_t line_ = 0;
};

}  // namespace kavosh::cli

#endif  // KAVOSH_SEARCHER_CLI_QUERIES_H_
