#include "indexer/index_check.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <sstream>
#include <unordered_map>

#include "common/schema.h"
#include "indexer/index_dir.h"
#include "indexer/sqlite_db.h"
#include "kavosh/error.h"

namespace kavosh {
namespace fs = std::filesystem;

std::string xapian_damage(const fs::path& xapian_dir) {
  std::ostringstream out;
  try {
    const std::size_t errors = Xapian::Database::check(xapian_dir.string(), 0, &out);
    if (errors == 0) {
      return "";
    }
    // The report names each table, then its errors.
    std::istringstream lines(out.str());
    std::string line;
    std::string last;
    while (std::getline(lines, line)) {
      if (!line.empty()) {
        last = line;
      }
    }
    return fmt::format("{} error{} in Xapian's tables: {}", errors, errors == 1 ? "" : "s", last);
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The check opens the tables for writing: on a read-only index it
    // cannot run, and the document comparison has to do.
    try {
      Xapian::Database readable(xapian_dir.string());
      return "";
    } catch (const Xapian::Error&) {
      return "damaged Xapian tables: " + e.get_description();
    }
  } catch (const Xapian::Error& e) {
    return "damaged Xapian tables: " + e.get_description();
  }
}

namespace {

// A shared flock on the writer's lock file, held while it lives, so that no
// writer starts meanwhile. Without the file (an index written by nobody
// since it was copied) there is no writer to fear.
class SharedLock {
 public:
  explicit SharedLock(const fs::path& dir)
      : fd_(::open((dir / kLockFile).c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ >= 0) {
      if (::flock(fd_, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        ::close(fd_);
        throw Error(
            Error::kBusy,
            fmt::format("{}: index is locked by another process; check it when that run ends",
                        dir.string()));
      }
    }
  }
  SharedLock(const SharedLock&) = delete;
  SharedLock& operator=(const SharedLock&) = delete;
  ~SharedLock() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

 private:
  int fd_;
};

// SQLite reads a WAL database through its -shm file, which it creates if
// the directory lets it, and removes on closing if it may write. Where it
// cannot (read-only media, another user's index) and no -wal file exists,
// the database file is all there is. Nothing is written either way.
SqliteDb::Mode read_mode(const fs::path& dir, const fs::path& sqlite_path) {
  std::error_code ec;
  if (::access(dir.c_str(), W_OK) == 0) {
    return SqliteDb::Mode::kReadWrite;
  }
  return fs::exists(sqlite_path.string() + "-wal", ec) ? SqliteDb::Mode::kReadOnly
                                                       : SqliteDb::Mode::kImmutable;
}

// The first disagreement of the two halves, document by document, or "".
std::string compare_halves(const Xapian::Database& xapian, SqliteDb& sql) {
  std::unordered_map<Xapian::docid, std::pair<std::string, std::string>> rows;
  Statement q = sql.prepare("SELECT docid, ext_id, hash FROM documents");
  while (q.step()) {
    rows.emplace(static_cast<Xapian::docid>(q.column_int(0)),
                 std::pair{q.column_text(1), q.column_text(2)});
  }
  Statement batch = sql.prepare("SELECT value FROM info WHERE key = 'batch'");
  const std::string sql_batch = batch.step() ? batch.column_text(0) : "";
  if (sql_batch != meta(xapian, schema::kMetaBatch)) {
    return fmt::format("batch {} in Xapian, {} in SQLite (an interrupted run; index again)",
                       meta(xapian, schema::kMetaBatch), sql_batch);
  }
  if (rows.size() != xapian.get_doccount()) {
    return fmt::format("{} documents in Xapian, {} in SQLite", xapian.get_doccount(), rows.size());
  }
  for (auto it = xapian.postlist_begin(""); it != xapian.postlist_end(""); ++it) {
    const auto row = rows.find(*it);
    const schema::Record record = schema::Record::from_data(xapian.get_document(*it).get_data());
    if (row == rows.end()) {
      return fmt::format("document {} ({}) is in Xapian but not in SQLite", *it, record.id);
    }
    if (row->second.first != record.id || row->second.second != record.hash) {
      return fmt::format("document {} is {} in Xapian but {} in SQLite", *it, record.id,
                         row->second.first);
    }
  }
  return "";
}

}  // namespace

CheckResult check_index(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir / schema::kXapianDir, ec)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: not a Kavosh index", dir.string()));
  }
  const SharedLock lock(dir);  // until the check ends
  if (std::string damage = xapian_damage(dir / schema::kXapianDir); !damage.empty()) {
    return CheckResult{std::move(damage), 0};
  }
  const Xapian::Database xapian((dir / schema::kXapianDir).string());
  CheckResult result{"", xapian.get_doccount()};
  if (!fs::exists(dir / schema::kSqliteFile, ec)) {
    result.problem = fmt::format("no {} (index again to rebuild it)", schema::kSqliteFile);
    return result;
  }
  const fs::path sqlite_path = dir / schema::kSqliteFile;
  try {
    SqliteDb sql(sqlite_path, read_mode(dir, sqlite_path));
    result.problem = compare_halves(xapian, sql);
  } catch (const SqliteError& e) {
    result.problem = fmt::format(
        "{} is damaged: {} (the next kavosh-index run rebuilds it from "
        "the Xapian index)",
        schema::kSqliteFile, e.what());
  } catch (const std::runtime_error& e) {
    result.problem = fmt::format("a damaged document record in Xapian: {}", e.what());
  }
  return result;
}

}  // namespace kavosh
