#include "bench/relevance/documents.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

namespace kavosh::bench {
namespace {

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};

Document parse_line(std::string_view line, const std::string& where) {
  const nlohmann::json json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("id") || !json["id"].is_string()) {
    throw std::runtime_error(where + ": not a JSON object with a string \"id\"");
  }
  Document doc;
  doc.id = json["id"].get<std::string>();
  if (const auto title = json.find("title"); title != json.end() && title->is_string()) {
    doc.title = title->get<std::string>();
  }
  if (const auto body = json.find("body"); body != json.end() && body->is_string()) {
    doc.body = body->get<std::string>();
  }
  return doc;
}

}  // namespace

std::vector<Document> read_documents(const std::filesystem::path& path) {
  // gzread passes plain files through unchanged, so one reader serves both.
  const std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) {
    throw std::runtime_error(path.string() + ": cannot open");
  }
  std::vector<Document> docs;
  std::unordered_set<std::string> ids;
  std::string pending;
  std::uint64_t line_number = 0;
  const auto take_line = [&](std::string_view line) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      return;
    }
    const std::string where = path.string() + ":" + std::to_string(line_number);
    Document doc = parse_line(line, where);
    if (!ids.insert(doc.id).second) {
      throw std::runtime_error(where + ": id \"" + doc.id + "\" seen before");
    }
    docs.push_back(std::move(doc));
  };

  std::string buffer(1 << 20, '\0');
  for (;;) {
    const int n = gzread(file.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      int code = 0;
      throw std::runtime_error(path.string() + ": " + gzerror(file.get(), &code));
    }
    if (n == 0) {
      break;
    }
    pending.append(buffer.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      take_line(std::string_view(pending).substr(start, nl - start));
    }
    pending.erase(0, start);
  }
  take_line(pending);
  return docs;
}

namespace {

// The words of a text for near_copies(): bytes below 0x80 other than
// letters and digits, and the Persian comma, semicolon, question mark,
// guillemets and no-break space separate words; ZWNJ joins.
std::vector<std::string> copy_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::string_view rest = std::string_view(text).substr(i);
    const auto at = [&](std::string_view seq) { return rest.substr(0, seq.size()) == seq; };
    if (c < 0x80) {
      if (std::isalnum(c) != 0) {
        word += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
      ++i;
    } else if (at("\u200C")) {
      i += 3;
    } else if (at("\u060C") || at("\u061B") || at("\u061F") || at("\u00AB") || at("\u00BB") ||
               at("\u00A0")) {
      flush();
      i += 2;
    } else if (at("\u064A")) {
      word += "\u06CC";
      i += 2;
    } else if (at("\u0643")) {
      word += "\u06A9";
      i += 2;
    } else {
      word += static_cast<char>(c);
      ++i;
    }
  }
  flush();
  return words;
}

std::vector<std::uint64_t> shingles(const Document& doc) {
  const std::vector<std::string> words = copy_words(doc.title + " " + doc.body);
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    out.push_back(std::hash<std::string>{}(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::unordered_map<std::string, std::unordered_set<std::string>> near_copies(
    const std::vector<Document>& documents, const std::unordered_set<std::string>& judged,
    double containment) {
  constexpr std::size_t kCommon = 50;
  std::vector<std::vector<std::uint64_t>> sets;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    sets.push_back(shingles(documents[d]));
    for (const std::uint64_t s : sets.back()) {
      postings[s].push_back(d);
    }
  }
  std::unordered_map<std::string, std::unordered_set<std::string>> copies;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    if (!judged.contains(documents[d].id) || sets[d].empty()) {
      continue;
    }
    std::unordered_map<std::size_t, std::size_t> shared;
    for (const std::uint64_t s : sets[d]) {
      const std::vector<std::size_t>& docs = postings[s];
      if (docs.size() < kCommon) {
        for (const std::size_t other : docs) {
          shared[other] += other == d ? 0 : 1;
        }
      }
    }
    for (const auto& [other, n] : shared) {
      const std::size_t smaller = std::min(sets[d].size(), sets[other].size());
      if (n > 0 && static_cast<double>(n) >= containment * static_cast<double>(smaller)) {
        copies[documents[d].id].insert(documents[other].id);
      }
    }
  }
  return copies;
}

}  // namespace kavosh::bench
