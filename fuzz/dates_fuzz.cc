// Fuzzes the date parsers: parse_date() and find_date() on any bytes. Every
// date they return is a real day in both calendars: converting either side
// back gives the same pair, and formatting it works.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "common/date_range.h"
#include "common/dates.h"
#include "indexer/article_source.h"

namespace {

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void require_real(const std::optional<kavosh::DocDate>& date) {
  if (!date) {
    return;
  }
  const kavosh::CivilDate& g = date->gregorian;
  const kavosh::CivilDate& j = date->jalali;
  require(g.month >= 1 && g.month <= 12 && g.day >= 1 && g.day <= 31);
  require(j.month >= 1 && j.month <= 12 && j.day >= 1 && j.day <= 31);
  require(kavosh::from_gregorian(g.year, g.month, g.day) == date);
  require(kavosh::from_jalali(j.year, j.month, j.day) == date);
  require(kavosh::format_iso(g).size() >= 10);
  require(!kavosh::format_jalali(j).empty());
  require(!kavosh::format_jalali_long(j).empty());
  require(kavosh::gregorian_from_days(kavosh::days_since_epoch(g)) == g);
}

}  // namespace

// The form a date was found in is a non-empty piece of the input.
void require_found(const std::optional<kavosh::FoundDate>& found, std::string_view text) {
  if (!found) {
    return;
  }
  require_real(found->date);
  require(!found->written.empty() && text.find(found->written) != std::string_view::npos);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  require_found(kavosh::parse_date(text), text);
  require_found(kavosh::find_date(text), text);
  if (const auto range = kavosh::parse_date_range(text)) {
    require(range->first <= range->last);
  }
  (void)kavosh::find_source(text);
  return 0;
}
