#include "bench/speed/corpus.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

// Calls fn for each line of a file, gzipped or not.
void for_each_line(const fs::path& path, const std::function<void(std::string_view)>& fn) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) {
    throw std::runtime_error(path.string() + ": cannot open");
  }
  gzbuffer(file.get(), 1 << 20);
  std::string pending;
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const int n = gzread(file.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      throw std::runtime_error(path.string() + ": read error");
    }
    if (n == 0) {
      break;
    }
    pending.append(buffer.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t newline; (newline = pending.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      fn(std::string_view(pending).substr(start, newline - start));
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) {
    fn(pending);
  }
}

}  // namespace

std::vector<fs::path> article_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz"))) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void for_each_doc(const fs::path& dir, const std::function<void(Doc&&)>& fn) {
  for (const fs::path& file : article_files(dir)) {
    std::uint64_t line_number = 0;
    for_each_line(file, [&](std::string_view line) {
      ++line_number;
      auto value = nlohmann::json::parse(line, nullptr, false);
      if (value.is_discarded() || !value.is_object()) {
        return;
      }
      const auto body = value.find("body");
      if (body == value.end() || !body->is_string()) {
        return;
      }
      Doc doc;
      doc.body = std::move(body->get_ref<std::string&>());
      if (const auto title = value.find("title"); title != value.end() && title->is_string()) {
        doc.title = std::move(title->get_ref<std::string&>());
      }
      if (const auto id = value.find("id"); id != value.end() && id->is_string()) {
        doc.id = std::move(id->get_ref<std::string&>());
      } else {
        doc.id = file.filename().string() + ":" + std::to_string(line_number);
      }
      fn(std::move(doc));
    });
  }
}

CorpusStats corpus_stats(const fs::path& dir) {
  CorpusStats stats;
  for_each_doc(dir, [&](Doc&& doc) {
    ++stats.docs;
    stats.text_bytes += doc.title.size() + doc.body.size();
  });
  return stats;
}

std::vector<std::string> read_queries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error(file.string() + ": cannot open");
  }
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t tab = line.find('\t');
    std::string text = tab == std::string::npos ? line : line.substr(tab + 1);
    if (!text.empty() && text.back() == '\r') {
      text.pop_back();
    }
    if (!text.empty()) {
      queries.push_back(std::move(text));
    }
  }
  return queries;
}

}  // namespace kavosh::bench
