#include "indexer/input_stream.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <system_error>

namespace kavosh {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{256} << 10;

std::string errno_message(int error) { return std::generic_category().message(error); }

}  // namespace

void InputStream::FileCloser::operator()(std::FILE* file) const { std::fclose(file); }

void InputStream::GzCloser::operator()(gzFile_s* gz) const { gzclose(gz); }

bool InputStream::open(const std::filesystem::path& path, bool gzip) {
  errno = 0;
  if (!gzip) {
    file_.reset(std::fopen(path.c_str(), "rb"));
    if (!file_) {
      error_ = "cannot open: " + errno_message(errno);
      return false;
    }
    return true;
  }
  gz_.reset(gzopen(path.c_str(), "rb"));
  if (!gz_) {
    error_ = "cannot open: " + (errno != 0 ? errno_message(errno) : "out of memory");
    return false;
  }
  gzbuffer(gz_.get(), kChunkBytes);
  // gzread would pass a file that is not gzip through unchanged.
  if (gzdirect(gz_.get()) != 0) {
    int code = Z_OK;
    gzerror(gz_.get(), &code);
    error_ = code == Z_ERRNO ? "cannot read: " + errno_message(errno) : "not a gzip file";
    return false;
  }
  return true;
}

std::ptrdiff_t InputStream::read(char* dst, std::size_t size) {
  if (file_) {
    const std::size_t n = std::fread(dst, 1, size, file_.get());
    if (n == 0 && std::ferror(file_.get()) != 0) {
      error_ = "cannot read: " + errno_message(errno);
      return -1;
    }
    return static_cast<std::ptrdiff_t>(n);
  }
  const int n = gzread(gz_.get(), dst, static_cast<unsigned>(std::min<std::size_t>(size, INT_MAX)));
  if (n > 0) {
    return n;
  }
  int code = Z_OK;
  gzerror(gz_.get(), &code);
  // zlib's own messages start with the path; ours name only the problem.
  switch (code) {
    case Z_OK:
      return 0;
    case Z_BUF_ERROR:  // the stream stopped before its end
      error_ = "truncated gzip data";
      break;
    case Z_ERRNO:
      error_ = "cannot read: " + errno_message(errno);
      break;
    case Z_MEM_ERROR:
      error_ = "out of memory inflating gzip data";
      break;
    default:
      error_ = "corrupt gzip data";
      break;
  }
  return -1;
}

std::uint64_t InputStream::position() const {
  if (file_) {
    const long at = std::ftell(file_.get());
    return at < 0 ? 0 : static_cast<std::uint64_t>(at);
  }
  if (gz_) {
    const z_off_t at = gzoffset(gz_.get());
    return at < 0 ? 0 : static_cast<std::uint64_t>(at);
  }
  return 0;
}

std::string_view LineReader::peek(std::size_t size) {
  while (end_ - begin_ < size && !eof_ && !failed_) {
    if (!fill()) {
      break;
    }
  }
  return {data_.get() + begin_, end_ - begin_};
}

void LineReader::skip(std::size_t size) {
  begin_ += size;
  scanned_ = std::max(scanned_, begin_);
}

LineReader::Status LineReader::next(std::string_view& line) {
  for (;;) {
    const char* newline = nullptr;
    if (scanned_ < end_) {
      newline =
          static_cast<const char*>(std::memchr(data_.get() + scanned_, '\n', end_ - scanned_));
    }
    if (newline != nullptr) {
      const std::size_t at = newline - data_.get();
      line = {data_.get() + begin_, at - begin_};
      begin_ = scanned_ = at + 1;
      return finish(line);
    }
    scanned_ = end_;
    if (eof_) {
      if (begin_ == end_ && !discarding_) {
        return Status::kEnd;
      }
      line = {data_.get() + begin_, end_ - begin_};
      begin_ = end_;
      return finish(line);
    }
    if (end_ - begin_ > max_line_bytes_) {
      discarding_ = true;
      begin_ = scanned_ = end_;
    }
    if (!fill()) {
      return Status::kError;
    }
  }
}

LineReader::Status LineReader::finish(std::string_view& line) {
  if (discarding_) {
    discarding_ = false;
    return Status::kTooLong;
  }
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return Status::kLine;
}

// Reads one more chunk after the unfinished line; false on a read error.
bool LineReader::fill() {
  if (failed_) {
    return false;
  }
  if (begin_ > 0) {
    std::memmove(data_.get(), data_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  if (capacity_ - end_ < kChunkBytes / 2) {
    const std::size_t capacity = std::max(kChunkBytes, capacity_ * 2);
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    if (end_ > 0) {
      std::memcpy(data.get(), data_.get(), end_);
    }
    data_ = std::move(data);
    capacity_ = capacity;
  }
  const std::ptrdiff_t n = input_.read(data_.get() + end_, capacity_ - end_);
  if (n < 0) {
    failed_ = true;
    return false;
  }
  eof_ = n == 0;
  end_ += static_cast<std::size_t>(n);
  return true;
}

}  // namespace kavosh
