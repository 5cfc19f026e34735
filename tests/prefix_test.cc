// Prefix search: پرسپول* as the indexed words that begin so.
#include "searcher/src/prefix.h"

#include <catch2/catch.hpp>

#include "common/normalizer.h"
#include "kavosh/error.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

const TinyIndex& index() {
  static const TinyIndex tiny({
      {"perspolis", "پیروزی پرسپولیس", "پرسپولیس در ورزشگاه آزادی برد.", "", "", ""},
      {"fans", "هواداران", "هواداران پرسپولیسی به ورزشگاه آمدند.", "", "", ""},
      {"esteghlal", "استقلال", "استقلال در تبریز بازی کرد.", "", "", ""},
  });
  return tiny;
}

}  // namespace

TEST_CASE("a prefix finds every word that begins so, and names them for highlighting", "[prefix]") {
  std::unordered_set<std::string> terms;
  const Xapian::Query q = kavosh::expand_prefix(kavosh::normalize("پرسپول"), index().db(), terms);
  CHECK(index().ids(q) == std::vector<std::string>{"fans", "perspolis"});
  CHECK(terms.count(kavosh::normalize("پرسپولیس")) == 1);
  CHECK(terms.count(kavosh::normalize("پرسپولیسی")) == 1);
  CHECK(terms.count(kavosh::normalize("استقلال")) == 0);
}

TEST_CASE("a prefix no word begins with matches nothing", "[prefix]") {
  std::unordered_set<std::string> terms;
  const Xapian::Query q = kavosh::expand_prefix(kavosh::normalize("سپاه"), index().db(), terms);
  CHECK(q.empty());
  CHECK(terms.empty());
}

TEST_CASE("a prefix of one letter is refused: it would stand for much of the vocabulary",
          "[prefix][errors]") {
  std::unordered_set<std::string> terms;
  CHECK_THROWS_MATCHES(kavosh::expand_prefix("پ", index().db(), terms), kavosh::Error,
                       Catch::Predicate<kavosh::Error>([](const kavosh::Error& e) {
                         return e.code() == kavosh::Error::kBadQuery;
                       }));
  // Two letters are enough, even of two bytes each.
  CHECK_NOTHROW(kavosh::expand_prefix("پر", index().db(), terms));
}
