#include "indexer/roots.h"

#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "indexer/corpus_reader.h"
#include "kavosh/error.h"

namespace kavosh {

namespace fs = std::filesystem;
using nlohmann::json;

std::string serialise_roots(const std::vector<CorpusRoot>& roots) {
  json list = json::array();
  for (const CorpusRoot& root : roots) {
    list.push_back({{"number", root.number},
                    {"path", root.path},
                    {"device", root.device},
                    {"inode", root.inode},
                    {"label", root.label}});
  }
  // Paths that are not UTF-8 are kept byte for byte.
  return list.dump(-1, ' ', false, json::error_handler_t::ignore);
}

std::vector<CorpusRoot> parse_roots(const std::string& record) {
  std::vector<CorpusRoot> roots;
  if (record.empty()) {
    return roots;
  }
  try {
    for (const json& item : json::parse(record)) {
      CorpusRoot root;
      root.number = item.at("number").get<std::uint32_t>();
      root.path = item.at("path").get<std::string>();
      root.device = item.at("device").get<std::uint64_t>();
      root.inode = item.at("inode").get<std::uint64_t>();
      root.label = item.at("label").get<std::string>();
      roots.push_back(std::move(root));
    }
  } catch (const json::exception& e) {
    throw Error(Error::kCorruption, std::string("damaged record of corpus roots: ") + e.what());
  }
  return roots;
}

CorpusRoot identify_folder(const fs::path& dir) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(dir, ec);
  struct stat st {};
  if (ec || ::stat(canonical.c_str(), &st) != 0) {
    throw Error(Error::kIo, "corpus " + dir.string() + ": " +
                                (ec ? ec.message() : std::generic_category().message(errno)));
  }
  CorpusRoot folder;
  folder.path = canonical.native();
  folder.device = st.st_dev;
  folder.inode = st.st_ino;
  return folder;
}

std::optional<CorpusRoot> match_root(const std::vector<CorpusRoot>& roots,
                                     const CorpusRoot& folder) {
  for (const CorpusRoot& root : roots) {
    if (root.device == folder.device && root.inode == folder.inode) {
      return root;
    }
  }
  for (const CorpusRoot& root : roots) {
    if (root.path == folder.path) {
      return root;
    }
  }
  return std::nullopt;
}

std::optional<CorpusRoot> find_root(const std::vector<CorpusRoot>& roots, const std::string& name) {
  for (const CorpusRoot& root : roots) {
    if (!name.empty() && (root.label == name || root.path == name)) {
      return root;
    }
  }
  std::error_code ec;
  if (fs::is_directory(name, ec)) {
    return match_root(roots, identify_folder(name));
  }
  // A folder that is gone: by its recorded path.
  const fs::path absolute = fs::absolute(name, ec).lexically_normal();
  for (const CorpusRoot& root : roots) {
    if (fs::path(root.path) == absolute) {
      return root;
    }
  }
  return std::nullopt;
}

CorpusRoot new_root(const std::vector<CorpusRoot>& roots, const CorpusRoot& folder,
                    const std::function<bool(const std::string&)>& label_taken) {
  CorpusRoot root = folder;
  if (roots.empty()) {
    root.number = 0;
    root.label.clear();
    return root;
  }
  std::uint32_t last = 0;
  for (const CorpusRoot& r : roots) {
    last = std::max(last, r.number);
  }
  root.number = last + 1;
  std::string base = escape_file_name(fs::path(folder.path).filename().native());
  if (base.empty() || base.front() == '.') {
    base = "root" + std::to_string(root.number);
  }
  std::string label = base;
  for (int n = 2;; ++n) {
    const bool used = std::any_of(roots.begin(), roots.end(),
                                  [&](const CorpusRoot& r) { return r.label == label; });
    if (!used && !label_taken(label)) {
      break;
    }
    label = base + '-' + std::to_string(n);
  }
  root.label = label;
  return root;
}

}  // namespace kavosh
