#include "searcher/src/handles.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

namespace kavosh {

Xapian::Database open_xapian(const std::string& path) {
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    try {
      return Xapian::Database(path);
    } catch (const Xapian::DatabaseError&) {  // modified, opening, corrupt...
      if (attempt == kAttempts) {
        throw;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

Handles::Handles(std::vector<std::string> paths, std::filesystem::path dir)
    : paths_(std::move(paths)),
      dir_(std::move(dir)),
      local_(std::none_of(paths_.begin(), paths_.end(), [](const std::string& path) {
        std::error_code ec;
        return std::filesystem::is_regular_file(path, ec);
      })) {}

Handles::Identity Handles::identity() const {
  Identity out;
  for (const std::string& path : paths_) {
    struct stat st {};
    out.push_back(::stat(path.c_str(), &st) == 0 ? st.st_ino : 0);
  }
  return out;
}

Handles::Handle Handles::open_database() const {
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    Handle handle{std::make_unique<Xapian::Database>(), identity()};
    for (const std::string& path : paths_) {
      handle.db->add_database(open_xapian(path));
    }
    // A copy swapped in while the shards were being opened: again.
    if (identity() == handle.identity || attempt == kAttempts) {
      return handle;
    }
  }
}

std::string Handles::prime(const std::string& key) {
  Handle handle = open_database();
  std::string value = handle.db->get_metadata(key);
  std::lock_guard lock(mutex_);
  pool_.push_back(std::move(handle));
  return value;
}

void Handles::drop() const {
  std::lock_guard lock(mutex_);
  pool_.clear();
}

Handles::Lease::Lease(const Handles& handles) : handles_(handles) {
  const Identity now = handles.identity();
  {
    std::lock_guard lock(handles.mutex_);
    if (!handles.pool_.empty() && handles.pool_.back().identity != now) {
      handles.pool_.clear();
    }
    if (!handles.pool_.empty()) {
      handle_ = std::move(handles.pool_.back());
      handles.pool_.pop_back();
    }
  }
  if (handle_.db) {
    handle_.db->reopen();
  } else {
    handle_ = handles.open_database();
  }
}

Handles::Lease::~Lease() {
  std::lock_guard lock(handles_.mutex_);
  if (handles_.pool_.empty() || handles_.pool_.back().identity == handle_.identity) {
    handles_.pool_.push_back(std::move(handle_));
  }
}

}  // namespace kavosh
