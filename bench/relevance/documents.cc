#include "bench/relevance/documents.h"

#include <zlib.h>

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

}  // namespace kavosh::bench
