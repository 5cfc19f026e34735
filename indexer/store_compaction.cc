// IndexStore::compact(): the Xapian database rewritten compactly and swapped
// in whole.
#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>

#include <cerrno>
#include <chrono>

#include "common/schema.h"
#include "indexer/index_dir.h"
#include "indexer/index_store.h"
#include "indexer/store_error.h"

namespace kavosh {
namespace fs = std::filesystem;

namespace {

// Documents changed since the database was last compacted.
constexpr std::string_view kMetaChanged = "kavosh:changed-since-compaction";

// Stops a compaction between two tables when asked (Ctrl-C): Xapian calls
// set_status() as it goes, and the exception leaves compact() with the copy
// unfinished, which is then removed; the live database is untouched.
class StoppableCompactor : public Xapian::Compactor {
 public:
  struct Stopped {};
  explicit StoppableCompactor(const std::atomic<bool>* stop) : stop_(stop) {}
  void set_status(const std::string&, const std::string&) override {
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
      throw Stopped{};
    }
  }

 private:
  const std::atomic<bool>* stop_;
};

}  // namespace

IndexStore::Compaction IndexStore::compact(std::uint64_t changed, bool force,
                                           const std::atomic<bool>* stop) {
  Compaction result;
  const auto started = std::chrono::steady_clock::now();
  const fs::path live = dir_ / schema::kXapianDir;
  const std::uint64_t since = std::stoull("0" + meta(xapian_, kMetaChanged)) + changed;
  const std::uint64_t documents = xapian_.get_doccount();
  if (!force && (since == 0 || since * 4 < documents)) {
    if (changed > 0) {
      xapian_.set_metadata(std::string(kMetaChanged), std::to_string(since));
      commit();
    }
    return result;
  }
  result.bytes_before = directory_bytes(live);
  swap_in_compact_copy(stop, result);
  reopen_after_compaction();
  result.bytes_after = directory_bytes(live);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

void IndexStore::swap_in_compact_copy(const std::atomic<bool>* stop, Compaction& result) {
  const fs::path live = dir_ / schema::kXapianDir;
  const fs::path fresh = dir_ / kCompactDir;
  std::error_code ec;
  try {
    // Out of the batch transaction (nothing is pending), the counter reset
    // and committed, so that the copy starts from zero.
    xapian_.cancel_transaction();
    in_transaction_ = false;
    xapian_.set_metadata(std::string(kMetaChanged), "0");
    xapian_.commit();
    fs::remove_all(fresh, ec);
    const Xapian::rev old_revision = xapian_.get_revision();
    StoppableCompactor compactor(stop);
    xapian_.compact(fresh.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::DBCOMPACT_MULTIPASS, 0,
                    compactor);
    {
      // Readers notice a new database by its revision (Database::reopen()
      // is a no-op at the same one): make sure the copy's differs. (A
      // compact copy starts again at revision 1.)
      Xapian::WritableDatabase copy(fresh.string(), Xapian::DB_OPEN);
      if (copy.get_revision() == old_revision) {
        copy.set_metadata(std::string(kMetaChanged), "");
        copy.commit();
      }
      copy.close();
    }
    sync_directory(fresh);
    xapian_.close();
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, live.c_str(), RENAME_EXCHANGE) != 0) {
      result.error = fmt::format("cannot swap in the compact copy: {}", errno_message(errno));
    } else {
      sync_directory(dir_);
      result.done = true;
    }
  } catch (const Xapian::Error& e) {
    result.error = fmt::format("compaction failed: {}", e.get_description());
  } catch (const StoppableCompactor::Stopped&) {
    result.interrupted = true;
  }
  fs::remove_all(fresh, ec);  // the old database, or a failed copy
}

void IndexStore::reopen_after_compaction() {
  try {
    // Closed first: after a failed copy the old handle still holds Xapian's
    // lock, and opening again would fail as "already locked", hiding the
    // real cause (a full disk, say).
    xapian_.close();
    xapian_ = Xapian::WritableDatabase((dir_ / schema::kXapianDir).string(), Xapian::DB_OPEN);
    xapian_.begin_transaction();
    in_transaction_ = true;
    for (SharedPeer* peer : peers_) {
      const std::lock_guard lock(peer->mutex);
      peer->db.reopen();
    }
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot reopen the index after compaction");
  }
}

}  // namespace kavosh
