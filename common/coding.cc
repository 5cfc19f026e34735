#include "common/coding.h"

#include <zlib.h>

#include <array>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

#include "common/utf8.h"

namespace kavosh::coding {
namespace {

// Persian takes two bytes a letter in UTF-8. Title and body are stored with
// the characters of Persian news as one byte each, as SCSU does for one
// script, so deflate works on half the bytes, faster, and the body comes out
// a fifth smaller than deflated UTF-8. Byte b < 0x80 is ASCII; 0x80 + i is
// the i-th character of these ranges; 0xFF takes the next byte as it is.
// On-disk format: change only with kSchemaVersion.
struct CharRange {
  char32_t first;
  char32_t last;
};
constexpr CharRange kPackedRanges[] = {
    {0x060C, 0x060C},  // Arabic comma
    {0x061B, 0x061B},  // Arabic semicolon
    {0x061F, 0x061F},  // Arabic question mark
    {0x0621, 0x063A},  // hamza .. ghain
    {0x0640, 0x0655},  // tatweel, feh .. Arabic yeh, harakat, hamza above and below
    {0x0660, 0x066D},  // Arabic-Indic digits, percent, decimal and thousands separators
    {0x0670, 0x0671},  // superscript alef, alef wasla
    {0x067E, 0x067E},  // peh
    {0x0686, 0x0686},  // tcheh
    {0x0698, 0x0698},  // jeh
    {0x06A9, 0x06A9},  // keheh (Persian kaf)
    {0x06AF, 0x06AF},  // gaf
    {0x06BE, 0x06BE},  // heh doachashmee
    {0x06C0, 0x06C0},  // heh with yeh above
    {0x06CC, 0x06CC},  // Farsi yeh
    {0x06D5, 0x06D5},  // ae
    {0x06F0, 0x06F9},  // Persian digits
    {0x00A0, 0x00A0},  // no-break space (Hamshahri's half-space)
    {0x00AB, 0x00AB},  // «
    {0x00BB, 0x00BB},  // »
    {0x00D7, 0x00D7},  // ×
    {0x200B, 0x200F},  // zero-width space, ZWNJ, ZWJ, LRM, RLM
    {0x2013, 0x2014},  // en and em dash
    {0x2018, 0x2019},  // single quotes
    {0x201C, 0x201D},  // double quotes
    {0x2022, 0x2022},  // bullet
    {0x2026, 0x2026},  // ellipsis
    {0x202A, 0x202E},  // bidi embeddings and overrides
};
constexpr unsigned char kFirstPacked = 0x80;
constexpr unsigned char kEscape = 0xFF;

// The 256-code-point pages that hold packed characters.
constexpr char32_t kPackedPages[] = {0x00, 0x06, 0x20};

class PackTable {
 public:
  PackTable() {
    unsigned char code = kFirstPacked;
    for (const CharRange& range : kPackedRanges) {
      for (char32_t c = range.first; c <= range.last; ++c) {
        if (code == kEscape) {
          throw std::logic_error("schema: too many packed characters");
        }
        std::string bytes;
        append_utf8(bytes, c);
        bytes.copy(utf8_[code - kFirstPacked].bytes, bytes.size());
        utf8_[code - kFirstPacked].length = static_cast<std::uint8_t>(bytes.size());
        const int page = page_index(c);
        if (page < 0) {
          throw std::logic_error("schema: packed character outside the packed pages");
        }
        byte_[static_cast<std::size_t>(page) * 256 + (c & 0xFF)] = code++;
      }
    }
    codes_ = code - kFirstPacked;
  }

  // The byte standing for `c`, or 0 if it has none.
  unsigned char byte(char32_t c) const {
    const int page = page_index(c);
    return page < 0 ? 0 : byte_[static_cast<std::size_t>(page) * 256 + (c & 0xFF)];
  }

  // The UTF-8 of the character `code` stands for; empty if none does.
  std::string_view utf8(unsigned char code) const {
    const unsigned index = code - kFirstPacked;
    if (code < kFirstPacked || index >= codes_) {
      return {};
    }
    return {utf8_[index].bytes, utf8_[index].length};
  }

 private:
  static int page_index(char32_t c) {
    for (std::size_t i = 0; i < std::size(kPackedPages); ++i) {
      if (c >> 8 == kPackedPages[i]) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  struct Utf8 {
    char bytes[4] = {};
    std::uint8_t length = 0;
  };
  std::array<unsigned char, std::size(kPackedPages) * 256> byte_{};
  std::array<Utf8, kEscape - kFirstPacked> utf8_{};
  unsigned codes_ = 0;
};

const PackTable& pack_table() {
  static const PackTable table;
  return table;
}

// A zlib deflate stream kept by each thread and reset for each body: setting
// one up costs almost as much as deflating a short article.
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&stream_, Z_DEFAULT_COMPRESSION) != Z_OK) {
      throw std::bad_alloc();
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // `in` in the zlib format, or false if that is not smaller.
  bool deflate(std::string_view in, std::string& out) {
    if (deflateReset(&stream_) != Z_OK) {
      return false;
    }
    out.resize(deflateBound(&stream_, static_cast<uLong>(in.size())));
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream_.avail_in = static_cast<uInt>(in.size());
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(out.size());
    if (::deflate(&stream_, Z_FINISH) != Z_STREAM_END || stream_.total_out >= in.size()) {
      return false;
    }
    out.resize(stream_.total_out);
    return true;
  }

 private:
  z_stream stream_{};
};

}  // namespace

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

std::optional<std::uint64_t> Reader::varint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) {
      return std::nullopt;
    }
    const auto byte = static_cast<unsigned char>(data_[pos_++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Reader::bytes() {
  const std::optional<std::uint64_t> size = varint();
  if (!size || *size > data_.size() - pos_) {
    return std::nullopt;
  }
  const std::string_view out = data_.substr(pos_, *size);
  pos_ += *size;
  return out;
}

// `text`, packed. Ill-formed UTF-8 becomes U+FFFD, as the JSON records had
// it: a reader lets none through, and one bad byte must not lose a document.
std::string pack(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw std::length_error("schema: text longer than 2 GiB");
  }
  const PackTable& table = pack_table();
  std::string packed;
  packed.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      packed.push_back(text[i++]);
      continue;
    }
    const std::size_t start = i;
    const std::int32_t c = next_code_point(text, i);
    if (c < 0) {
      for (const char byte : std::string_view("\xEF\xBF\xBD")) {
        packed.push_back(static_cast<char>(kEscape));
        packed.push_back(byte);
      }
    } else if (const unsigned char code = table.byte(static_cast<char32_t>(c)); code != 0) {
      packed.push_back(static_cast<char>(code));
    } else {
      for (std::size_t k = start; k < i; ++k) {
        packed.push_back(static_cast<char>(kEscape));
        packed.push_back(text[k]);
      }
    }
  }
  return packed;
}

std::optional<std::string> unpack(std::string_view in) {
  const PackTable& table = pack_table();
  std::string out;
  out.reserve(in.size() * 2);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto byte = static_cast<unsigned char>(in[i]);
    if (byte < kFirstPacked) {
      out.push_back(static_cast<char>(byte));
    } else if (byte == kEscape) {
      if (++i == in.size()) {
        return std::nullopt;
      }
      out.push_back(in[i]);
    } else {
      const std::string_view utf8 = table.utf8(byte);
      if (utf8.empty()) {
        return std::nullopt;
      }
      out.append(utf8);
    }
  }
  return out;
}

bool deflate(std::string_view in, std::string& out) {
  thread_local Deflater deflater;
  return deflater.deflate(in, out);
}

std::optional<std::string> inflate(std::string_view in, std::uint64_t size) {
  // Deflate shrinks data at most about 1032 times; a larger size is garbage.
  if (in.size() > size || size > in.size() * 1032 + 64) {
    return std::nullopt;
  }
  std::string out(size, '\0');
  uLongf inflated = static_cast<uLongf>(size);
  const int status =
      uncompress(reinterpret_cast<Bytef*>(out.data()), &inflated,
                 reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()));
  if (status == Z_MEM_ERROR) {
    throw std::bad_alloc();
  }
  if (status != Z_OK || inflated != size) {
    return std::nullopt;
  }
  return out;
}

}  // namespace kavosh::coding
