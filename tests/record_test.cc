// The record stored as each Xapian document's data: every field comes back
// as it went in, Persian or not, and anything else is refused.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "common/coding.h"
#include "common/schema.h"

using kavosh::schema::Record;

namespace {

// ILNA, 21 Azar 1404: the seed article of corpus/.
Record ilna_record() {
  Record r;
  r.id = "ilna/1404-09-21-pezeshkian-putin.txt";
  r.path = "ilna/1404-09-21-pezeshkian-putin.txt";
  r.line = 0;
  r.title = "دیدار روسای جمهور ایران و روسیه؛";
  r.body =
      "به گزارش ایلنا، مسعود پزشکیان در حاشیه اجلاس بین‌المللی صلح و اعتماد "
      "در "
      "ترکمنستان، "
      "بعد "
      "از "
      "ظهر امروز جمعه ۲۱ آذر ۱۴۰۴، در دیدار با آقای «ولادیمیر پوتین» "
      "رئیس‌جمهور "
      "روسیه، "
      "با "
      "ابراز "
      "خرسندی از سطح بسیار خوب و رو به گسترش روابط تهران-مسکو قدردانی کرد.\n"
      "پوتین: امضای توافق جامع، نقطه عطفی در روابط دوجانبه بود";
  r.source = "ایلنا";
  r.url = "https://www.ilna.ir/";
  r.date_gregorian = "2025-12-12";
  r.date_jalali = "1404/09/21";
  r.date_written = "جمعه ۲۱ آذر ۱۴۰۴";
  r.date_calendar = "jalali";
  r.date_origin = "path";
  r.size = r.title.size() + r.body.size();
  r.hash = "0123456789abcdef";
  return r;
}

void check_same(const Record& a, const Record& b) {
  CHECK(a.id == b.id);
  CHECK(a.path == b.path);
  CHECK(a.line == b.line);
  CHECK(a.title == b.title);
  CHECK(a.body == b.body);
  CHECK(a.source == b.source);
  CHECK(a.url == b.url);
  CHECK(a.date_gregorian == b.date_gregorian);
  CHECK(a.date_jalali == b.date_jalali);
  CHECK(a.date_written == b.date_written);
  CHECK(a.date_calendar == b.date_calendar);
  CHECK(a.date_origin == b.date_origin);
  CHECK(a.size == b.size);
  CHECK(a.hash == b.hash);
  CHECK(a.category == b.category);
  CHECK(a.tags == b.tags);
  CHECK(a.author == b.author);
}

}  // namespace

TEST_CASE("a record keeps the category, tags and author of its article", "[schema][record]") {
  Record original = ilna_record();
  original.category = "politics/foreign";
  original.tags = {"پزشکیان", "پوتین", "روابط ایران و روسیه"};
  original.author = "مریم رضایی";
  check_same(Record::from_data(original.to_data()), original);
  SECTION("and an article without them stays without") {
    original.tags.clear();
    original.category.clear();
    check_same(Record::from_data(original.to_data()), original);
  }
}

TEST_CASE("a record comes back from its data field for field", "[schema][record]") {
  const Record original = ilna_record();
  const std::string data = original.to_data();
  check_same(Record::from_data(data), original);

  SECTION("and holds its Persian text in about a byte a letter (Xapian deflates the rest)") {
    Record empty = original;
    empty.title.clear();
    empty.body.clear();
    const std::size_t text = original.title.size() + original.body.size();
    CHECK(data.size() - empty.to_data().size() < text * 2 / 3);
  }
}

TEST_CASE("a record of an older index, its body deflated, still reads", "[schema][record]") {
  const Record original = ilna_record();
  const std::string data = original.to_data();
  // The body as this version stores it (its packed form) and as older
  // versions did (that form deflated), each with its length before it.
  const std::string packed = kavosh::coding::pack(original.body);
  std::string deflated;
  REQUIRE(kavosh::coding::deflate(packed, deflated));
  std::string now;
  std::string before;
  kavosh::coding::put_string(now, packed);
  kavosh::coding::put_string(before, deflated);
  const std::size_t at = data.find(now);
  REQUIRE(at != std::string::npos);
  std::string older = data;
  older.replace(at, now.size(), before);
  check_same(Record::from_data(older), original);
}

TEST_CASE("every spelling of the text survives the record", "[schema][record]") {
  Record r = ilna_record();
  SECTION("Hamshahri's Arabic yeh and kaf, no-break spaces and diacritics") {
    r.body = "مي\u00A0پرسيد كه آيا اين كتاب قطعاً خوانده شده است؟ ـــ ۀ ة ؤ إ أ";
  }
  SECTION("Latin, CJK, emoji and presentation forms, which have no one-byte code") {
    r.body = "Tehran — Café 北京 😀 \uFEFB\uFE8E ﷲ";
  }
  SECTION("every byte value a Persian packing could confuse") {
    r.body.clear();
    for (int c = 1; c < 0x80; ++c) {
      r.body += static_cast<char>(c);
    }
  }
  SECTION("an empty body and a one-letter title") {
    r.body.clear();
    r.title = "آ";
  }
  SECTION("a long article") {
    std::string paragraph = r.body + "\n";
    r.body.clear();
    while (r.body.size() < 500000) {
      r.body += paragraph;
    }
  }
  r.size = r.title.size() + r.body.size();
  check_same(Record::from_data(r.to_data()), r);
}

TEST_CASE("a date keeps the form, calendar and place it was found in", "[schema][record]") {
  Record r = ilna_record();
  SECTION("a Hijri date in the text, with its tatweel and ZWNJ") {
    r.date_written = "۱۰ محرم‌الحرام ۱۴۴۷ هـ.ق";
    r.date_calendar = "hijri";
  }
  SECTION("a timestamp in the date field") {
    r.date_written = "2025-12-11T21:00:00Z";
    r.date_calendar = "gregorian";
    r.date_origin = "metadata";
  }
  SECTION("no date") {
    r.date_gregorian.clear();
    r.date_jalali.clear();
    r.date_written.clear();
    r.date_calendar.clear();
    r.date_origin.clear();
  }
  check_same(Record::from_data(r.to_data()), r);
}

TEST_CASE("ill-formed UTF-8 is stored as U+FFFD rather than lost", "[schema][record]") {
  Record r = ilna_record();
  r.title = std::string("تیتر \xFF");
  r.body = std::string("متن \xC3 خبر");
  const Record back = Record::from_data(r.to_data());
  CHECK(back.title == "تیتر \xEF\xBF\xBD");
  CHECK(back.body == "متن \xEF\xBF\xBD خبر");
}

TEST_CASE("data that is not a record is refused", "[schema][record]") {
  const std::string data = ilna_record().to_data();
  SECTION("empty") { CHECK_THROWS_AS(Record::from_data(""), std::runtime_error); }
  SECTION("a JSON record of schema 2") {
    CHECK_THROWS_AS(Record::from_data(R"({"id": "a", "body": "b"})"), std::runtime_error);
  }
  SECTION("a record of format 1, from before dates kept their written form") {
    std::string old = data;
    old[2] = '\x01';
    CHECK_THROWS_AS(Record::from_data(old), std::runtime_error);
  }
  SECTION("cut anywhere") {
    for (std::size_t size = 0; size < data.size(); ++size) {
      INFO("size " << size);
      CHECK_THROWS_AS(Record::from_data(std::string_view(data).substr(0, size)),
                      std::runtime_error);
    }
  }
  SECTION("with bytes after it") {
    CHECK_THROWS_AS(Record::from_data(data + "x"), std::runtime_error);
  }
  SECTION("with any one byte changed, it throws or decodes, never crashes") {
    for (std::size_t i = 0; i < data.size(); ++i) {
      std::string changed = data;
      changed[i] = static_cast<char>(changed[i] ^ 0x5A);
      try {
        (void)Record::from_data(changed);
      } catch (const std::runtime_error&) {
      }
    }
    SUCCEED();
  }
}
