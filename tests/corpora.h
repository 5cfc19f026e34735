// Test helper: the shared corpora of real news (KAVOSH_CORPORA_DIR, by
// default ../shared/corpora). A test that needs them is tagged [corpora] and
// asks for its file with corpus_file(). Where the corpora are absent it
// prints kCorporaSkipped and returns: ctest (SKIP_REGULAR_EXPRESSION, see
// tests/CMakeLists.txt) then reports the test skipped, never passed.
#ifndef KAVOSH_TESTS_CORPORA_H_
#define KAVOSH_TESTS_CORPORA_H_

#include <filesystem>
#include <iostream>
#include <optional>
#include <string_view>

namespace kavosh::test {

inline constexpr std::string_view kCorporaSkipped = "KAVOSH_SKIPPED:";

// KAVOSH_CORPORA_DIR/relative, or nullopt (having said so) when it is absent.
inline std::optional<std::filesystem::path> corpus_file(std::string_view relative) {
  const std::string_view dir = KAVOSH_CORPORA_DIR;
  if (dir.empty()) {
    std::cout << kCorporaSkipped << " no corpora (KAVOSH_CORPORA_DIR is empty)" << std::endl;
    return std::nullopt;
  }
  const std::filesystem::path path = std::filesystem::path(dir) / relative;
  if (!std::filesystem::exists(path)) {
    std::cout << kCorporaSkipped << " " << path.string() << " is absent" << std::endl;
    return std::nullopt;
  }
  return path;
}

}  // namespace kavosh::test

#endif  // KAVOSH_TESTS_CORPORA_H_
