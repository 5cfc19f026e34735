#include "common/schema.h"

#include <xxhash.h>

#include <cstdio>
#include <stdexcept>

#include "common/coding.h"
#include "common/utf8.h"

namespace kavosh::schema {
namespace {

// The record is binary: "KR", a format byte, then the fields in the order of
// struct Record, each string as its length and bytes, each number as a
// varint (LEB128). Title, body and date_written are packed (coding.h), and
// Xapian deflates the record as a whole.
constexpr std::string_view kMagic = "KR";
// 1 had no date_written, date_calendar, date_origin. 2 has no category, tags
// or author, and is still written for records without them: most archives
// have none, and three empty fields in every record cost index space.
constexpr char kFormatWithoutFields = 2;
constexpr char kFormat = 3;

[[noreturn]] void not_a_record() {
  throw std::runtime_error("document data is not a Kavosh record");
}

using coding::put_string;
using coding::put_varint;

void put_packed(std::string& out, std::string_view text) { put_string(out, coding::pack(text)); }

// The body: the size of its packed form, then that form. Xapian deflates
// the whole record itself (its docdata table compresses every tag that
// deflate makes smaller), so deflating the body here too only cost time:
// FarsNews' first 300 articles index in 3.3 % fewer instructions, and
// their docdata table is 5 % smaller, without it. Records of older
// indexes hold the body deflated, and still read (RecordReader::body()).
void put_body(std::string& out, std::string_view body) {
  const std::string packed = coding::pack(body);
  put_varint(out, packed.size());
  put_string(out, packed);
}

// Reads a record, throwing on anything that does not fit.
class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : in_(data) {}

  std::uint64_t varint() { return must(in_.varint()); }
  std::string_view bytes() { return must(in_.bytes()); }
  std::string string() { return std::string(bytes()); }
  std::string packed() { return must(coding::unpack(bytes())); }

  std::string body() {
    const std::uint64_t size = varint();
    const std::string_view stored = bytes();
    if (stored.size() == size) {
      return must(coding::unpack(stored));
    }
    return must(coding::unpack(must(coding::inflate(stored, size))));
  }

  bool at_end() const { return in_.at_end(); }

 private:
  template <typename T>
  static T must(std::optional<T>&& value) {
    if (!value) {
      not_a_record();
    }
    return std::move(*value);
  }

  coding::Reader in_;
};

// A string field; ill-formed UTF-8 becomes U+FFFD, as in put_packed().
void put_text(std::string& out, std::string_view s) {
  if (find_invalid_utf8(s)) {
    put_string(out, to_valid_utf8(s));
  } else {
    put_string(out, s);
  }
}

}  // namespace

std::string Record::to_data() const {
  std::string out;
  out.reserve(64 + id.size() + path.size() + title.size() + body.size() + source.size() +
              url.size() + hash.size());
  const bool fields = !category.empty() || !tags.empty() || !author.empty();
  out.append(kMagic);
  out.push_back(fields ? kFormat : kFormatWithoutFields);
  put_text(out, id);
  put_text(out, path);
  put_varint(out, line);
  put_packed(out, title);
  put_body(out, body);
  put_text(out, source);
  put_text(out, url);
  put_text(out, date_gregorian);
  put_text(out, date_jalali);
  put_packed(out, date_written);
  put_text(out, date_calendar);
  put_text(out, date_origin);
  put_varint(out, size);
  put_text(out, hash);
  if (!fields) {
    return out;
  }
  put_text(out, category);
  put_varint(out, tags.size());
  for (const std::string& tag : tags) {
    put_text(out, tag);
  }
  put_text(out, author);
  return out;
}

Record Record::from_data(std::string_view data) {
  if (!data.starts_with(kMagic) || data.size() <= kMagic.size() ||
      (data[kMagic.size()] != kFormat && data[kMagic.size()] != kFormatWithoutFields)) {
    not_a_record();
  }
  const bool fields = data[kMagic.size()] == kFormat;
  RecordReader in(data.substr(kMagic.size() + 1));
  Record r;
  r.id = in.string();
  r.path = in.string();
  r.line = in.varint();
  r.title = in.packed();
  r.body = in.body();
  r.source = in.string();
  r.url = in.string();
  r.date_gregorian = in.string();
  r.date_jalali = in.string();
  r.date_written = in.packed();
  r.date_calendar = in.string();
  r.date_origin = in.string();
  r.size = in.varint();
  r.hash = in.string();
  if (!fields) {
    if (!in.at_end() || r.id.empty()) {
      not_a_record();
    }
    return r;
  }
  r.category = in.string();
  // Each tag takes at least one byte: a larger count is garbage.
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) {
    not_a_record();
  }
  for (std::uint64_t i = 0; i < tags; ++i) {
    r.tags.push_back(in.string());
  }
  r.author = in.string();
  if (!in.at_end() || r.id.empty()) {
    not_a_record();
  }
  return r;
}

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (id.size() + term.size() <= kMaxTermBytes) {
    term += id;
    return term;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(id.data(), id.size())));
  term += id.substr(0, kMaxTermBytes - 40);
  term += '#';
  term += hex;
  return term;
}

}  // namespace kavosh::schema
