#include "common/coding.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::coding {
namespace {

TEST_CASE("varints and strings read back as they were written", "[coding][varint]") {
  std::string out;
  const std::uint64_t values[] = {0, 1, 127, 128, 300, 16383, 16384, UINT64_MAX};
  for (const std::uint64_t value : values) {
    put_varint(out, value);
  }
  put_string(out, "خبرگزاری فارس");
  put_string(out, "");
  Reader in(out);
  for (const std::uint64_t value : values) {
    CHECK(in.varint() == value);
  }
  CHECK(in.bytes() == std::optional<std::string_view>("خبرگزاری فارس"));
  CHECK(in.bytes() == std::optional<std::string_view>(""));
  CHECK(in.at_end());
}

TEST_CASE("a varint takes seven bits a byte, low bits first", "[coding][varint]") {
  std::string out;
  put_varint(out, 300);
  CHECK(out == "\xAC\x02");
}

TEST_CASE("data that ends early or runs past 64 bits reads as nothing", "[coding][varint]") {
  SECTION("a varint cut short") {
    Reader in("\x80");
    CHECK_FALSE(in.varint());
  }
  SECTION("a varint of eleven bytes") {
    const std::string data = std::string(10, '\xFF') + '\x01';
    Reader in(data);
    CHECK_FALSE(in.varint());
  }
  SECTION("a string longer than what is left") {
    std::string out;
    put_varint(out, 10);
    out += "کوتاه";  // ten bytes, of which the last is dropped
    out.pop_back();
    Reader in(out);
    CHECK_FALSE(in.bytes());
  }
}

TEST_CASE("Persian text packs to a byte a letter and unpacks unchanged", "[coding][pack]") {
  const std::string text =
      "رئیس‌جمهور پزشکیان در ۲۱ آذر ۱۴۰۴ با پوتین دیدار "
      "کرد.";
  const std::string packed = pack(text);
  CHECK(packed.size() < text.size() * 2 / 3);
  CHECK(unpack(packed) == text);
  SECTION("ASCII stays as it is") { CHECK(pack("Kavosh 2025") == "Kavosh 2025"); }
  SECTION("a character outside the packed ones is escaped byte by byte") {
    CHECK(unpack(pack("€ یورو")) == "€ یورو");
  }
}

TEST_CASE("ill-formed UTF-8 packs as a replacement character", "[coding][pack]") {
  CHECK(unpack(pack("ایلنا\xFF")) == "ایلنا\xEF\xBF\xBD");
}

TEST_CASE("bytes that pack() cannot have written unpack to nothing", "[coding][pack]") {
  CHECK_FALSE(unpack("\xFF"));  // an escape with nothing after it
  CHECK_FALSE(unpack("\xFE"));  // a code no character has
}

TEST_CASE("a body deflates smaller and inflates back", "[coding][deflate]") {
  std::string body;
  for (int i = 0; i < 50; ++i) {
    body += pack(
        "به گزارش ایلنا، مسعود پزشکیان رئیس‌جمهور با ولادیمیر پوتین "
        "دیدار "
        "کرد. ");
  }
  std::string deflated;
  REQUIRE(deflate(body, deflated));
  CHECK(deflated.size() < body.size());
  CHECK(inflate(deflated, body.size()) == body);
  SECTION("the wrong size is refused") {
    CHECK_FALSE(inflate(deflated, body.size() + 1));
    CHECK_FALSE(inflate(deflated, deflated.size() * 2000));
  }
  SECTION("what deflate cannot shrink is left to the caller") {
    std::string out;
    CHECK_FALSE(deflate("ایلنا", out));
  }
}

}  // namespace
}  // namespace kavosh::coding
