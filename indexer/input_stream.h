// The bytes of a corpus file, inflated on the fly when it is gzip, and the
// lines they split into. Internal to the corpus reader.
#ifndef KAVOSH_INDEXER_INPUT_STREAM_H_
#define KAVOSH_INDEXER_INPUT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct gzFile_s;  // zlib's gzFile points to one

namespace kavosh {

// Reads one file start to end. Not thread-safe; one per file being read.
class InputStream {
 public:
  // Returns false, with error(), if the file cannot be opened or, when
  // `gzip`, does not start as a gzip stream.
  bool open(const std::filesystem::path& path, bool gzip);

  // Reads up to `size` bytes into `dst`. Returns the count, 0 at the end, or
  // -1 on an I/O error, corrupt or truncated gzip data (see error()).
  std::ptrdiff_t read(char* dst, std::size_t size);

  // One short line, e.g. "truncated gzip data"; never names the path.
  const std::string& error() const { return error_; }

  // Bytes of the file (compressed, for gzip) consumed so far: progress.
  std::uint64_t position() const;

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const;
  };
  struct GzCloser {
    void operator()(gzFile_s* gz) const;
  };

  std::unique_ptr<std::FILE, FileCloser> file_;
  std::unique_ptr<gzFile_s, GzCloser> gz_;
  std::string error_;
};

// Splits an InputStream into lines, holding only the current line and a
// chunk in memory, so a JSONL file of any size streams.
class LineReader {
 public:
  enum class Status {
    kLine,     // `line` holds the next line, without "\n" or "\r\n"
    kTooLong,  // a line longer than the reader's limit was skipped
    kEnd,
    kError,  // the input's error() says why
  };

  static constexpr std::size_t kMaxLineBytes = std::size_t{256} << 20;

  // `input` must outlive the reader. Lines longer than `max_line_bytes`
  // (at most kMaxLineBytes) are skipped whole, never held in memory.
  explicit LineReader(InputStream& input, std::size_t max_line_bytes = kMaxLineBytes)
      : input_(input), max_line_bytes_(std::min(max_line_bytes, kMaxLineBytes)) {}

  // The buffered bytes, at least `size` of them unless the input ends (or
  // fails) first. Valid until the next call.
  std::string_view peek(std::size_t size);

  // Drops `size` bytes, at most what peek() returned.
  void skip(std::size_t size);

  // The next line, valid until the next call.
  Status next(std::string_view& line);

 private:
  Status finish(std::string_view& line);
  bool fill();

  InputStream& input_;
  std::size_t max_line_bytes_;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;    // start of the current line
  std::size_t scanned_ = 0;  // [begin_, scanned_) holds no newline
  std::size_t end_ = 0;
  bool eof_ = false;
  bool discarding_ = false;  // inside a line longer than max_line_bytes_
  bool failed_ = false;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_INPUT_STREAM_H_
