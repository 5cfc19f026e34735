#include "indexer/corpus_listing.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "common/utf8.h"
#include "indexer/file_kind.h"
#include "kavosh/error.h"

namespace kavosh {

namespace fs = std::filesystem;

namespace {

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
    if (!file_kind(name) || excluded(relative)) {
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
        if (file_kind(name)) {
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

}  // namespace kavosh
