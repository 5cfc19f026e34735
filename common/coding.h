// The byte codings of the records kept in the index (schema.h): varints
// (LEB128) and length-prefixed strings, Persian text packed one byte a
// letter, and deflate. What they write is on-disk format: change it only
// with schema::kSchemaVersion.
#ifndef KAVOSH_COMMON_CODING_H_
#define KAVOSH_COMMON_CODING_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::coding {

// Appends `value` as a varint: 7 bits a byte, low bits first, the high bit
// set on every byte but the last.
void put_varint(std::string& out, std::uint64_t value);
// Appends `s` as its length (a varint) and its bytes.
void put_string(std::string& out, std::string_view s);

// Reads what put_varint() and put_string() wrote. Each read returns nullopt
// when the data ends early or a varint runs past 64 bits.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::optional<std::uint64_t> varint();
  // A length-prefixed string, viewing the data.
  std::optional<std::string_view> bytes();
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

// `text` with the characters of Persian news as one byte each, as SCSU does
// for one script: deflate then works on half the bytes, faster, and the
// result is smaller. Ill-formed UTF-8 becomes U+FFFD. Throws
// std::length_error past 2 GiB.
std::string pack(std::string_view text);
// What pack() packed; nullopt if `packed` is not packed text.
std::optional<std::string> unpack(std::string_view packed);

// `in` deflated in the zlib format into `out`, by a stream kept by each
// thread; false if that is not smaller than `in`.
bool deflate(std::string_view in, std::string& out);
// The `size` bytes that `in` inflates to; nullopt if it does not inflate to
// exactly that many. Throws std::bad_alloc if zlib runs out of memory.
std::optional<std::string> inflate(std::string_view in, std::uint64_t size);

}  // namespace kavosh::coding

#endif  // KAVOSH_COMMON_CODING_H_
