#include "indexer/corpus_reader.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "common/utf8.h"
#include "indexer/input_stream.h"
#include "kavosh/error.h"

namespace kavosh {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// nlohmann::json builds nested values recursively; a line of 10,000 '['
// would take the stack with it.
constexpr int kMaxJsonDepth = 512;
// .txt and .json hold one article; find_invalid_utf8 takes int32 lengths.
constexpr std::size_t kMaxArticleFileBytes = std::size_t{1} << 30;
constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
// How much of a JSONL file looks_binary() judges.
constexpr std::size_t kHeadBytes = std::size_t{64} << 10;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class Format { kText, kJson, kJsonLines };

struct FileKind {
  Format format;
  bool gzip;
};

bool ends_with_ascii_ci(std::string_view s, std::string_view suffix) {
  if (s.size() <= suffix.size()) {
    return false;
  }
  s.remove_prefix(s.size() - suffix.size());
  return std::equal(s.begin(), s.end(), suffix.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
  });
}

std::optional<FileKind> kind_of(std::string_view name) {
  FileKind kind{Format::kText, false};
  if (ends_with_ascii_ci(name, ".gz")) {
    kind.gzip = true;
    name.remove_suffix(3);
  }
  if (ends_with_ascii_ci(name, ".txt")) {
    kind.format = Format::kText;
  } else if (ends_with_ascii_ci(name, ".jsonl")) {
    kind.format = Format::kJsonLines;
  } else if (ends_with_ascii_ci(name, ".json")) {
    kind.format = Format::kJson;
  } else {
    return std::nullopt;
  }
  return kind;
}

// Length of the blank character that starts `s`, or 0. Besides ASCII
// whitespace, archives pad text with NBSP, zero-width and bidi marks.
std::size_t blank_prefix(std::string_view s) {
  if (s.empty()) {
    return 0;
  }
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  switch (b(0)) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
      return 1;
    case 0xC2:  // U+00A0 no-break space
      return s.size() >= 2 && b(1) == 0xA0 ? 2 : 0;
    case 0xD8:  // U+061C Arabic letter mark
      return s.size() >= 2 && b(1) == 0x9C ? 2 : 0;
    case 0xE2:
      if (s.size() < 3) {
        return 0;
      }
      if (b(1) == 0x80) {
        // U+2000..U+200F spaces, ZWSP, ZWNJ, ZWJ, LRM, RLM;
        // U+2028..U+202F separators, bidi embeddings, narrow NBSP.
        return (b(2) >= 0x80 && b(2) <= 0x8F) || (b(2) >= 0xA8 && b(2) <= 0xAF) ? 3 : 0;
      }
      if (b(1) == 0x81) {
        // U+205F math space, U+2060 word joiner, U+2066..U+2069 isolates.
        return b(2) == 0x9F || b(2) == 0xA0 || (b(2) >= 0xA6 && b(2) <= 0xA9) ? 3 : 0;
      }
      return 0;
    case 0xE3:  // U+3000 ideographic space
      return s.size() >= 3 && b(1) == 0x80 && b(2) == 0x80 ? 3 : 0;
    case 0xEF:  // U+FEFF zero-width no-break space (BOM)
      return s.size() >= 3 && b(1) == 0xBB && b(2) == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

// Length of the blank character that ends `s`, or 0.
std::size_t blank_suffix(std::string_view s) {
  for (std::size_t n = 1; n <= 3 && n <= s.size(); ++n) {
    // Only a lead byte can start a character; continuation bytes are 10xxxxxx.
    const auto lead = static_cast<unsigned char>(s[s.size() - n]);
    if ((lead & 0xC0) != 0x80) {
      return blank_prefix(s.substr(s.size() - n)) == n ? n : 0;
    }
  }
  return 0;
}

std::string_view trim(std::string_view s) {
  while (const std::size_t n = blank_prefix(s)) {
    s.remove_prefix(n);
  }
  while (const std::size_t n = blank_suffix(s)) {
    s.remove_suffix(n);
  }
  return s;
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

// True if brackets nest deeper than `limit` outside strings. Cheap next to
// parsing: inside strings it only looks for quotes.
bool nested_too_deeply(std::string_view text, int limit) {
  int depth = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char c = *p++;
    if (c == '[' || c == '{') {
      if (++depth > limit) {
        return true;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '"') {
      // Skip to the closing quote: one not preceded by an odd run of '\'.
      for (;;) {
        const auto* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
        if (quote == nullptr) {
          return false;
        }
        const char* q = quote;
        while (q > p && q[-1] == '\\') {
          --q;
        }
        p = quote + 1;
        if ((quote - q) % 2 == 0) {
          break;
        }
      }
    }
  }
  return false;
}

bool is_utf16_bom(std::string_view head) {
  return head.size() >= 2 &&
         ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'));
}

// Why a parsed JSON value is not an article, or nullptr when `article` got
// its fields from it.
const char* take_fields(json& value, Article& article) {
  if (!value.is_object()) {
    return "not a JSON object";
  }
  const auto body = value.find("body");
  if (body == value.end() || body->is_null()) {
    return "no body";
  }
  if (!body->is_string()) {
    return "body is not a string";
  }
  article.body = std::move(body->get_ref<std::string&>());
  const auto take = [&](const char* key, std::string& field) {
    const auto it = value.find(key);
    if (it != value.end() && it->is_string()) {
      field = std::move(it->get_ref<std::string&>());
    }
  };
  take("title", article.title);
  // A headline alone is an article: Hamshahri has judged-relevant ones.
  if (is_blank(article.body) && is_blank(article.title)) {
    return "empty article";
  }
  take("date", article.date);
  take("source", article.source);
  take("url", article.url);
  take("category", article.category);
  take("author", article.author);
  // A string or a list of them; other values are not tags.
  if (const auto tags = value.find("tags"); tags != value.end()) {
    if (tags->is_string()) {
      article.tags.push_back(std::move(tags->get_ref<std::string&>()));
    } else if (tags->is_array()) {
      for (json& tag : *tags) {
        if (tag.is_string()) {
          article.tags.push_back(std::move(tag.get_ref<std::string&>()));
        }
      }
    }
  }
  if (const auto id = value.find("id"); id != value.end()) {
    if (id->is_string()) {
      article.id = std::move(id->get_ref<std::string&>());
    } else if (id->is_number_integer()) {
      article.id = id->dump();
    }
  }
  return nullptr;
}

// Why `text` (one JSON document) is not an article, or nullopt. Byte
// offsets in reasons count from `offset`.
std::optional<std::string> parse_article(std::string_view text, std::size_t offset,
                                         Article& article) {
  if (nested_too_deeply(text, kMaxJsonDepth)) {
    return "JSON nested too deeply";
  }
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // nlohmann validates UTF-8 itself, so valid lines never pay for this.
    if (const auto at = find_invalid_utf8(text)) {
      return "invalid UTF-8 at byte " + std::to_string(*at + offset);
    }
    if (const std::size_t at = text.find('\0'); at != std::string_view::npos) {
      return "NUL byte at byte " + std::to_string(at + offset);
    }
    return "broken JSON";
  }
  if (const char* reason = take_fields(value, article)) {
    return reason;
  }
  return std::nullopt;
}

// Title: the first non-blank line, trimmed. Body: the lines after it, from
// the first non-blank one, with trailing blanks trimmed; a one-line article
// is its own body, so its words are searched too.
void split_text(std::string&& text, Article& article) {
  std::size_t pos = 0;
  std::size_t body_begin = text.size();
  while (pos < text.size()) {
    const std::size_t newline = std::min(text.find('\n', pos), text.size());
    const std::string_view line(text.data() + pos, newline - pos);
    pos = newline + 1;
    if (article.title.empty()) {
      article.title = trim(line);
    } else if (!is_blank(line)) {
      body_begin = line.data() - text.data();
      break;
    }
  }
  std::string_view body(text);
  body.remove_prefix(std::min(body_begin, text.size()));
  while (const std::size_t n = blank_suffix(body)) {
    body.remove_suffix(n);
  }
  if (body.empty()) {
    article.body = article.title;
    return;
  }
  text.resize(body_begin + body.size());
  text.erase(0, body_begin);
  article.body = std::move(text);
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
    const std::optional<FileKind> kind = kind_of(file_.absolute.filename().native());
    if (!kind) {
      fail("not a .txt, .json or .jsonl file");
      return;
    }
    InputStream input;
    if (!input.open(file_.absolute, kind->gzip)) {
      fail(input.error());
      return;
    }
    if (kind->format == Format::kJsonLines) {
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
      const std::optional<std::string> reason = parse_article(line, 0, article);
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

  void read_whole(InputStream& input, Format format) {
    std::string text;
    const std::size_t limit = std::min(max_bytes_, kMaxArticleFileBytes);
    if (file_.size > limit && !file_kind_gzip()) {
      fail(too_large());
      return;
    }
    text.reserve(std::min<std::uintmax_t>(file_.size, limit) + 1);
    for (;;) {
      if (text.size() > limit) {
        fail(too_large());
        return;
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
        return;
      }
      text.resize(old_size + static_cast<std::size_t>(n));
      if (n == 0) {
        break;
      }
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
    if (format == Format::kJson) {
      if (const auto reason = parse_article(text, offset, article)) {
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

  bool file_kind_gzip() const {
    const auto kind = kind_of(file_.absolute.filename().native());
    return kind && kind->gzip;
  }

  const CorpusFile& file_;
  Reporter& reporter_;
  const std::function<void(Article&&)>& sink_;
  const std::size_t max_bytes_;
  const std::function<void(std::uint64_t)>& progress_;
  ReadResult result_;
};

std::int64_t mtime_ns(fs::file_time_type time) {
  const auto since_epoch = std::chrono::file_clock::to_sys(time).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
}

}  // namespace

std::string escape_file_name(std::string_view name) {
  if (!find_invalid_utf8(name)) {
    return std::string(name);
  }
  std::string out;
  while (!name.empty()) {
    const std::size_t valid = find_invalid_utf8(name).value_or(name.size());
    for (const char c : name.substr(0, valid)) {
      if (c == '\\') {
        out += "\\x5C";
      } else {
        out += c;
      }
    }
    if (valid == name.size()) {
      break;
    }
    out += fmt::format("\\x{:02X}", static_cast<unsigned char>(name[valid]));
    name.remove_prefix(valid + 1);
  }
  return out;
}

namespace {

using DirKey = std::pair<std::uint64_t, std::uint64_t>;  // device, inode

std::optional<DirKey> dir_key(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    return std::nullopt;
  }
  return DirKey{st.st_dev, st.st_ino};
}

bool glob_matches(const std::string& pattern, const std::string& relative) {
  if (pattern.find('/') != std::string::npos) {
    return fnmatch(pattern.c_str(), relative.c_str(), 0) == 0;
  }
  const std::size_t slash = relative.rfind('/');
  const std::string name = slash == std::string::npos ? relative : relative.substr(slash + 1);
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options, Reporter& reporter)
      : root_(root), options_(options), reporter_(reporter) {
    for (const auto& key : options.skip) {
      skip_.insert(key);
    }
  }

  CorpusListing walk() {
    const auto root_key = dir_key(root_);
    if (root_key) {
      visited_.insert(*root_key);
    }
    read_directory(root_, std::string());
    // Real directories first, then symlinked ones: a link back into the
    // tree then finds its target already read, whatever the names' order.
    while (!pending_.empty() || !links_.empty()) {
      if (pending_.empty()) {
        follow(std::move(links_.front()));
        links_.pop_front();
        continue;
      }
      auto [dir, relative] = std::move(pending_.back());
      pending_.pop_back();
      read_directory(dir, relative);
    }
    std::sort(listing_.files.begin(), listing_.files.end(),
              [](const CorpusFile& a, const CorpusFile& b) { return a.relative < b.relative; });
    std::sort(listing_.unreadable.begin(), listing_.unreadable.end());
    return std::move(listing_);
  }

 private:
  bool excluded(const std::string& relative) const {
    for (const auto& pattern : options_.exclude) {
      if (glob_matches(pattern, relative)) {
        return true;
      }
    }
    return false;
  }

  bool taken(const std::string& name, const std::string& relative) const {
    if (!kind_of(name) || excluded(relative)) {
      return false;
    }
    if (!options_.include.empty()) {
      return std::any_of(options_.include.begin(), options_.include.end(),
                         [&](const std::string& p) { return glob_matches(p, relative); });
    }
    if (options_.default_excludes) {
      for (const std::string_view pattern : kDefaultExcludes) {
        if (fnmatch(std::string(pattern).c_str(), name.c_str(), 0) == 0) {
          return false;
        }
      }
    }
    return true;
  }

  // A directory found to be new (by device and inode) is queued; false if
  // it was read already or must never be.
  bool enter(const fs::path& dir, std::string relative) {
    const auto key = dir_key(dir);
    if (key && (skip_.count(*key) > 0 || !visited_.insert(*key).second)) {
      return false;
    }
    pending_.emplace_back(dir, std::move(relative));
    return true;
  }

  void follow(std::pair<fs::path, std::string> link) {
    auto& [path, relative] = link;
    std::error_code ec;
    const fs::path target = fs::canonical(path, ec);
    if (ec) {
      reporter_.skipped(relative, 0, "cannot follow symlink: " + ec.message());
      return;
    }
    const auto key = dir_key(target);
    if (key && skip_.count(*key) > 0) {
      return;
    }
    if (key && visited_.count(*key) > 0) {
      reporter_.noted(relative,
                      "symlink to a directory read already (a loop or a second way "
                      "into the tree): " +
                          escape_file_name(target.native()) + ", not followed");
      return;
    }
    const fs::path root = fs::canonical(root_, ec);
    const auto [end, ignored] =
        std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (end != root.end()) {
      listing_.outside.push_back(relative + " -> " + escape_file_name(target.native()));
    }
    enter(path, relative);
  }

  void read_directory(const fs::path& dir, const std::string& relative_dir) {
    std::error_code error;
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      entries.push_back(*it);
    }
    if (error) {
      if (relative_dir.empty()) {
        throw Error(Error::kIo, "corpus " + root_.string() + ": " + error.message());
      }
      reporter_.skipped(
          relative_dir, 0,
          "cannot read directory: " + error.message() + " (documents indexed from it are kept)");
      listing_.unreadable.push_back(relative_dir);
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::directory_entry& entry : entries) {
      add_entry(entry, relative_dir);
    }
  }

  void add_entry(const fs::directory_entry& entry, const std::string& relative_dir) {
    const std::string name = entry.path().filename().native();
    if (name.empty() || name.front() == '.') {
      return;
    }
    const std::string shown = escape_file_name(name);
    std::string relative = relative_dir.empty() ? shown : relative_dir + '/' + shown;
    std::error_code ec;
    const fs::file_status link_status = entry.symlink_status(ec);
    if (ec) {
      return;  // vanished since the directory was read
    }
    if (fs::is_directory(link_status)) {
      if (!excluded(relative)) {
        enter(entry.path(), std::move(relative));
      }
      return;
    }
    if (fs::is_symlink(link_status)) {
      const fs::file_status target = entry.status(ec);
      if (ec) {
        if (kind_of(name)) {
          reporter_.skipped(relative, 0, "cannot follow symlink: " + ec.message());
        }
        return;
      }
      if (fs::is_directory(target)) {
        if (!excluded(relative)) {
          links_.emplace_back(entry.path(), std::move(relative));
        }
        return;
      }
      if (!fs::is_regular_file(target)) {
        return;
      }
    } else if (!fs::is_regular_file(link_status)) {
      return;
    }
    if (!taken(name, relative)) {
      return;
    }
    add_file(entry, std::move(relative));
  }

  void add_file(const fs::directory_entry& entry, std::string relative) {
    std::error_code ec;
    CorpusFile file;
    file.size = entry.file_size(ec);
    if (!ec) {
      file.mtime_ns = mtime_ns(entry.last_write_time(ec));
    }
    if (ec) {
      reporter_.skipped(relative, 0, "cannot stat: " + ec.message());
      return;
    }
    file.absolute = entry.path();
    file.relative = std::move(relative);
    listing_.bytes += file.size;
    listing_.files.push_back(std::move(file));
  }

  const fs::path root_;
  const WalkOptions& options_;
  Reporter& reporter_;
  std::set<DirKey> skip_;
  std::set<DirKey> visited_;
  // Directories still to read (a stack, not recursion: a deep tree must not
  // exhaust the call stack), and symlinked ones to follow after them.
  std::vector<std::pair<fs::path, std::string>> pending_;
  std::deque<std::pair<fs::path, std::string>> links_;
  CorpusListing listing_;
};

}  // namespace

CorpusListing list_corpus(const fs::path& root, const WalkOptions& options, Reporter& reporter) {
  std::error_code error;
  const fs::file_status root_status = fs::status(root, error);
  if (!fs::is_directory(root_status)) {
    const std::string what = root_status.type() == fs::file_type::not_found ? "no such directory"
                             : error                                        ? error.message()
                                                                            : "not a directory";
    throw Error(
        root_status.type() == fs::file_type::not_found ? Error::kNotFound : Error::kBadInput,
        "corpus " + root.string() + ": " + what);
  }
  return Walker(root, options, reporter).walk();
}

std::vector<CorpusFile> list_corpus(const fs::path& root, Reporter& reporter) {
  return list_corpus(root, WalkOptions{}, reporter).files;
}

ReadResult read_articles(const CorpusFile& file, Reporter& reporter,
                         const std::function<void(Article&&)>& sink, std::size_t max_article_bytes,
                         const std::function<void(std::uint64_t)>& progress) {
  return FileReader(file, reporter, sink, max_article_bytes, progress).read();
}

}  // namespace kavosh
