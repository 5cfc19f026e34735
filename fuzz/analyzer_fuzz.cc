// Fuzzes the analyzer: tokenize() and normalize() on any bytes.
// Invariants: token offsets lie inside the input, in order and without
// overlap; positions advance by each token's width; every term is
// non-empty, valid UTF-8 and already normalized; normalize() is idempotent
// and its output valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/normalizer.h"
#include "common/tokenizer.h"
#include "common/utf8.h"

namespace {

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::string once = kavosh::normalize(text);
  require(!kavosh::find_invalid_utf8(once));
  require(kavosh::normalize(once) == once);

  std::size_t previous_end = 0;
  std::uint32_t next_position = 0;
  for (const kavosh::Token& token : kavosh::tokenize(text)) {
    require(token.begin < token.end);
    require(token.end <= text.size());
    require(token.begin >= previous_end);
    previous_end = token.end;
    require(token.position == next_position);
    next_position += token.width();
    require(!token.term.empty());
    require(!kavosh::find_invalid_utf8(token.term));
    require(kavosh::normalize(token.term) == token.term);
    require(token.parts.size() != 1);
    for (const std::string& part : token.parts) {
      require(!part.empty());
      require(!kavosh::find_invalid_utf8(part));
    }
  }
  return 0;
}
