#include "common/date_range.h"

#include <catch2/catch.hpp>

namespace {

long day(int y, int m, int d) { return kavosh::days_since_epoch(kavosh::CivilDate{y, m, d}); }

}  // namespace

TEST_CASE("a Jalali month is a filter for all its days", "[dates][range]") {
  const auto azar = kavosh::parse_date_range("1404/09");
  REQUIRE(azar);
  CHECK(azar->first == day(2025, 11, 22));  // 1 Azar 1404
  CHECK(azar->last == day(2025, 12, 21));   // 30 Azar 1404
  CHECK(kavosh::parse_date_range("۱۴۰۴/۰۹") == azar);
  CHECK(kavosh::parse_date_range("1404-9") == azar);
}

TEST_CASE("a Jalali year runs from Nowruz to the last day of Esfand", "[dates][range]") {
  const auto y1403 = kavosh::parse_date_range("1403");
  REQUIRE(y1403);
  CHECK(y1403->first == day(2024, 3, 20));  // 1 Farvardin 1403
  CHECK(y1403->last == day(2025, 3, 20));   // 30 Esfand 1403: a leap year
  const auto y1404 = kavosh::parse_date_range("1404");
  REQUIRE(y1404);
  CHECK(y1404->first == day(2025, 3, 21));
  CHECK(y1404->last == day(2026, 3, 20));  // 29 Esfand 1404
}

TEST_CASE("Gregorian days, months and years are filters too", "[dates][range]") {
  CHECK(kavosh::parse_date_range("2025-12-12") ==
        kavosh::DayRange{day(2025, 12, 12), day(2025, 12, 12)});
  CHECK(kavosh::parse_date_range("2025-02") == kavosh::DayRange{day(2025, 2, 1), day(2025, 2, 28)});
  CHECK(kavosh::parse_date_range("2024-02") == kavosh::DayRange{day(2024, 2, 1), day(2024, 2, 29)});
  CHECK(kavosh::parse_date_range("2025") == kavosh::DayRange{day(2025, 1, 1), day(2025, 12, 31)});
  CHECK(kavosh::parse_date_range("۱۴۰۴/۰۹/۲۱") ==
        kavosh::DayRange{day(2025, 12, 12), day(2025, 12, 12)});
}

TEST_CASE("impossible or malformed dates are rejected, not guessed", "[dates][range]") {
  for (const char* bad : {"1404/12/30", "1404/13", "1404/00", "2025-02-29", "140", "99999",
                          "1404/09/21/1", "1404//09", "آذر", "", "1404/09x", "3000"}) {
    INFO(bad);
    CHECK(!kavosh::parse_date_range(bad));
  }
  CHECK(kavosh::parse_date_range("1403/12/30"));  // leap year
}

TEST_CASE("day numbers convert back to Gregorian dates", "[dates][range]") {
  for (const auto& d : {kavosh::CivilDate{1970, 1, 1}, kavosh::CivilDate{2025, 12, 12},
                        kavosh::CivilDate{2024, 2, 29}, kavosh::CivilDate{2003, 1, 1}}) {
    CHECK(kavosh::gregorian_from_days(kavosh::days_since_epoch(d)) == d);
  }
}
