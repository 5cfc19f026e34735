#include "indexer/corpus_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "common/utf8.h"
#include "indexer/article_json.h"
#include "indexer/article_text.h"
#include "indexer/file_kind.h"
#include "indexer/input_stream.h"

namespace kavosh {

namespace {

// .txt and .json hold one article; find_invalid_utf8 takes int32 lengths.
constexpr std::size_t kMaxArticleFileBytes = std::size_t{1} << 30;
constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
// How much of a JSONL file looks_binary() judges.
constexpr std::size_t kHeadBytes = std::size_t{64} << 10;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_utf16_bom(std::string_view head) {
  return head.size() >= 2 &&
         ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'));
}

class FileReader {
 public:
  FileReader(const CorpusFile& file, Reporter& reporter, const std::function<void(Article&&)>& sink,
             std::size_t max_bytes, const std::function<void(std::uint64_t)>& progress)
      : file_(file), reporter_(reporter), sink_(sink), max_bytes_(max_bytes), progress_(progress) {}

  // An allocation that fails while reading costs this file, not the run: it
  // counts as failed, so what was indexed from it is kept.
  ReadResult read() {
    try {
      read_file();
    } catch (const std::bad_alloc&) {
      fail("out of memory reading the file");
    }
    return result_;
  }

 private:
  void read_file() {
    const std::optional<FileKind> kind = file_kind(file_.absolute.filename().native());
    if (!kind) {
      fail("not a .txt, .json or .jsonl file");
      return;
    }
    InputStream input;
    if (!input.open(file_.absolute, kind->gzip)) {
      fail(input.error());
      return;
    }
    if (kind->format == ArticleFormat::kJsonLines) {
      read_lines(input);
    } else {
      read_whole(input, kind->format);
    }
  }

  std::string too_large() const {
    return max_bytes_ % (1 << 20) == 0
               ? fmt::format("article larger than {} MiB (--max-article-size)", max_bytes_ >> 20)
               : fmt::format("article larger than {} bytes (--max-article-size)", max_bytes_);
  }

  void problem(std::uint64_t line, std::string_view reason) {
    ++result_.problems;
    reporter_.skipped(file_.relative, line, reason);
  }

  void fail(std::string_view reason) {
    problem(0, reason);
    result_.file_failed = true;
  }

  Article new_article(std::uint64_t line) {
    Article article;
    article.path = file_.relative;
    article.line = line;
    return article;
  }

  void emit(Article&& article) {
    if (article.id.empty()) {
      article.id =
          article.line == 0 ? file_.relative : file_.relative + ':' + std::to_string(article.line);
    }
    ++result_.articles;
    sink_(std::move(article));
  }

  void read_lines(InputStream& input) {
    LineReader lines(input, max_bytes_);
    const std::string_view head = lines.peek(kHeadBytes);
    if (is_utf16_bom(head)) {
      fail("UTF-16 text is not supported; convert the file to UTF-8");
      return;
    }
    // Judged only if the first line fails too, and a NUL in text is no
    // proof: one stray NUL on a line must not cost the whole file.
    const bool binary_head = looks_binary(head) && !find_stray_nul(head);
    if (head.starts_with(kUtf8Bom)) {
      lines.skip(kUtf8Bom.size());
    }
    bool first = true;
    std::uint64_t number = 0;
    std::string_view line;
    for (;;) {
      const LineReader::Status status = lines.next(line);
      if (status == LineReader::Status::kEnd) {
        return;
      }
      if (status == LineReader::Status::kError) {
        read_error(input, number);
        return;
      }
      ++number;
      if (progress_ && number % 256 == 0) {
        progress_(input.position());
      }
      if (status == LineReader::Status::kTooLong) {
        problem(number, too_large());
        first = false;
        continue;
      }
      if (is_blank(line)) {
        continue;
      }
      Article article = new_article(number);
      const std::optional<std::string> reason = parse_json_article(line, 0, article);
      if (!reason) {
        emit(std::move(article));
      } else if (first && binary_head) {
        fail("binary file");
        return;
      } else {
        problem(number, *reason);
      }
      first = false;
    }
  }

  // A read error ends the file. Articles before it were passed on; the rest
  // is unknown, so the file counts as failed and earlier copies stay.
  void read_error(const InputStream& input, std::uint64_t lines_read) {
    if (lines_read == 0) {
      fail(input.error());
    } else {
      fail(input.error() + " after line " + std::to_string(lines_read));
    }
  }

  void read_whole(InputStream& input, ArticleFormat format) {
    std::string text;
    if (!read_all(input, text)) {
      return;
    }
    if (is_utf16_bom(text)) {
      fail("UTF-16 text is not supported; convert the file to UTF-8");
      return;
    }
    std::size_t offset = 0;
    if (std::string_view(text).starts_with(kUtf8Bom)) {
      offset = kUtf8Bom.size();
      text.erase(0, offset);
    }
    if (looks_binary(text)) {
      if (const auto at = find_stray_nul(text)) {
        problem(0, "NUL byte at byte " + std::to_string(*at + offset));
      } else {
        fail("binary file");
      }
      return;
    }
    if (is_blank(text)) {
      problem(0, "empty article");
      return;
    }
    Article article = new_article(0);
    if (format == ArticleFormat::kJson) {
      if (const auto reason = parse_json_article(text, offset, article)) {
        problem(0, *reason);
        return;
      }
      emit(std::move(article));
      return;
    }
    if (const auto at = find_invalid_utf8(text)) {
      problem(0, "invalid UTF-8 at byte " + std::to_string(*at + offset));
      return;
    }
    split_text(std::move(text), article);
    emit(std::move(article));
  }

  // The whole file into `text`; false, with the file failed, if it is too
  // large or cannot be read.
  bool read_all(InputStream& input, std::string& text) {
    const std::size_t limit = std::min(max_bytes_, kMaxArticleFileBytes);
    if (file_.size > limit && !file_kind_gzip()) {
      fail(too_large());
      return false;
    }
    text.reserve(std::min<std::uintmax_t>(file_.size, limit) + 1);
    for (;;) {
      if (text.size() > limit) {
        fail(too_large());
        return false;
      }
      if (text.size() == text.capacity()) {
        text.reserve(std::max(kChunkBytes, text.capacity() * 2));
      }
      // Read into the spare capacity: a file of the listed size then ends
      // with a short read and no reallocation.
      const std::size_t old_size = text.size();
      const std::size_t want = text.capacity() - old_size;
      text.resize(old_size + want);
      const std::ptrdiff_t n = input.read(text.data() + old_size, want);
      if (n < 0) {
        read_error(input, 0);
        return false;
      }
      text.resize(old_size + static_cast<std::size_t>(n));
      if (n == 0) {
        return true;
      }
    }
  }

  bool file_kind_gzip() const {
    const auto kind = file_kind(file_.absolute.filename().native());
    return kind && kind->gzip;
  }

  const CorpusFile& file_;
  Reporter& reporter_;
  const std::function<void(Article&&)>& sink_;
  const std::size_t max_bytes_;
  const std::function<void(std::uint64_t)>& progress_;
  ReadResult result_;
};

}  // namespace

ReadResult read_articles(const CorpusFile& file, Reporter& reporter,
                         const std::function<void(Article&&)>& sink, std::size_t max_article_bytes,
                         const std::function<void(std::uint64_t)>& progress) {
  return FileReader(file, reporter, sink, max_article_bytes, progress).read();
}

}  // namespace kavosh
