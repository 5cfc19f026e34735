// The recency boost: a dated document's weight halves with each half-life
// of age.
#include "searcher/src/recency.h"

#include <catch2/catch.hpp>
#include <map>

#include "common/date_range.h"
#include "common/schema.h"
#include "tests/tiny_index.h"

namespace {

using kavosh::test::TinyIndex;

double day(std::string_view jalali) {
  return static_cast<double>(kavosh::parse_date_range(jalali)->first);
}

}  // namespace

TEST_CASE("recency weight falls with age: a half at one half-life, a quarter at two", "[recency]") {
  const TinyIndex index({
      {"today", "بارش برف", "بارش برف در تهران.", "", "1404/09/21", ""},
      {"last-month", "بارش باران", "بارش باران در تهران.", "", "1404/08/21", ""},
      {"two-months", "بارش تگرگ", "بارش تگرگ در تهران.", "", "1404/07/21", ""},
      {"undated", "هوای تهران", "هوای تهران سرد است.", "", "", ""},
  });
  const double newest = day("1404/09/21");
  const double half_life = newest - day("1404/08/21");  // 30 days
  kavosh::RecencyBoost boost(2.0, half_life, newest);
  Xapian::Enquire enquire(index.db());
  enquire.set_query(Xapian::Query(&boost));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  std::map<std::string, double> weight;
  std::vector<std::string> order;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string id = kavosh::schema::Record::from_data(it.get_document().get_data()).id;
    weight[id] = it.get_weight();
    order.push_back(id);
  }
  CHECK(order == std::vector<std::string>{"today", "last-month", "two-months"});
  CHECK(weight["today"] == Approx(2.0));
  CHECK(weight["last-month"] == Approx(1.0));
  const double age = newest - day("1404/07/21");
  CHECK(weight["two-months"] == Approx(2.0 * std::exp2(-age / half_life)));
  CHECK(weight["two-months"] < weight["last-month"]);
  CHECK(weight.count("undated") == 0);  // no date, no boost
}

TEST_CASE("a document dated after the newest day gets no more than the whole boost", "[recency]") {
  const TinyIndex index({{"future", "خبر", "خبر آینده.", "", "1404/10/01", ""}});
  kavosh::RecencyBoost boost(1.5, 30, day("1404/09/21"));
  Xapian::Enquire enquire(index.db());
  enquire.set_query(Xapian::Query(&boost));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(mset.begin().get_weight() == Approx(1.5));
}

TEST_CASE("a recency boost clones itself whole, for each search", "[recency]") {
  const kavosh::RecencyBoost boost(2.0, 30, 100);
  const std::unique_ptr<kavosh::RecencyBoost> copy(boost.clone());
  CHECK(copy->name() == "kavosh::RecencyBoost");
  CHECK(copy->get_maxweight() == 2.0);
}
