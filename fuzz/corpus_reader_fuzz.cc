// Fuzzes the document readers: read_articles() on a file holding the input
// as .txt, .json and .jsonl, gzip-compressed as .jsonl.gz, and as is under
// a .txt.gz name (a damaged gzip file). It never throws; every article it
// passes on has text, and valid UTF-8 in every field; what it reports adds
// up; a failed file was reported.
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "indexer/corpus_reader.h"

namespace fs = std::filesystem;

namespace {

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

class CountingReporter : public kavosh::Reporter {
 public:
  void skipped(const std::string& path, std::uint64_t, std::string_view reason) override {
    require(!path.empty());
    require(!reason.empty());
    require(reason.find('\n') == std::string_view::npos);
    ++count;
  }
  std::size_t count = 0;
};

// In memory where possible: ext4 flushes a file truncated and rewritten on
// close, which would make disk writes the pace of fuzzing.
// Removed at exit.
const fs::path& work_dir() {
  static const struct WorkDir {
    WorkDir() {
      std::error_code ec;
      const fs::path base =
          fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
      path = base / ("kavosh-fuzz-" + std::to_string(getpid()));
      fs::create_directories(path);
    }
    ~WorkDir() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
    fs::path path;
  } dir;
  return dir.path;
}

std::string gzip(std::string_view bytes) {
  z_stream stream{};
  require(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  require(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

void read_as(const std::string& name, std::string_view bytes) {
  const fs::path path = work_dir() / name;
  fs::remove(path);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  kavosh::CorpusFile file;
  file.absolute = path;
  file.relative = name;
  file.size = bytes.size();
  CountingReporter reporter;
  std::size_t articles = 0;
  const kavosh::ReadResult result =
      kavosh::read_articles(file, reporter, [&](kavosh::Article&& article) {
        ++articles;
        require(!article.id.empty());
        require(!article.body.empty() || !article.title.empty());
        for (const std::string* field : {&article.id, &article.path, &article.title, &article.body,
                                         &article.date, &article.source, &article.url}) {
          require(!kavosh::find_invalid_utf8(*field));
        }
      });
  require(result.articles == articles);
  require(result.problems == reporter.count);
  require(!result.file_failed || result.problems > 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_as("a.txt", bytes);
  read_as("a.json", bytes);
  read_as("a.jsonl", bytes);
  read_as("a.jsonl.gz", gzip(bytes));
  read_as("a.txt.gz", bytes);
  return 0;
}
