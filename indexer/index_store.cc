#include "indexer/index_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/features.h"
#include "common/normalizer.h"
#include "indexer/index_check.h"
#include "indexer/index_dir.h"
#include "indexer/metadata_tables.h"
#include "indexer/sqlite_db.h"
#include "indexer/store_error.h"

namespace kavosh {
namespace fs = std::filesystem;

namespace {

std::uint32_t root_of(const std::string& value) {
  std::uint32_t root = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') {
      return 0;
    }
    root = root * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return root;
}

void check_versions(const Xapian::Database& db, const fs::path& dir) {
  const std::string schema_version = meta(db, schema::kMetaSchema);
  const std::string analyzer_version = meta(db, schema::kMetaAnalyzer);
  if (schema_version.empty()) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: not a Kavosh index", dir.string()));
  }
  if (schema_version != std::to_string(schema::kSchemaVersion) ||
      analyzer_version != std::to_string(kAnalyzerVersion)) {
    throw Error(
        Error::kIncompatibleIndex,
        fmt::format(
            "{}: index built with schema {} and analyzer {}, this version uses schema {} and "
            "analyzer {}: delete the directory and index again",
            dir.string(), schema_version, analyzer_version, schema::kSchemaVersion,
            kAnalyzerVersion));
  }
}

}  // namespace

struct IndexStore::Lock {
  explicit Lock(int fd) : fd(fd) {}
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
  ~Lock() { ::close(fd); }
  int fd;
};

std::unique_ptr<IndexStore> IndexStore::open(const fs::path& dir, bool verify) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    throw Error(Error::kBadInput, fmt::format("{}: exists and is not a directory", dir.string()));
  }
  if (!fs::exists(status)) {
    fs::create_directories(dir, ec);
    if (ec) {
      throw Error(Error::kIo,
                  fmt::format("{}: cannot create index directory: {}", dir.string(), ec.message()));
    }
  }
  if (!fs::exists(dir / schema::kXapianDir, ec) && has_foreign_entries(dir)) {
    throw Error(Error::kNotAnIndex,
                fmt::format("{}: not a Kavosh index and not empty: refusing to write into it",
                            dir.string()));
  }

  const fs::path lock_path = dir / kLockFile;
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error(Error::kIo, fmt::format("{}: cannot write index directory: {}", dir.string(),
                                        errno_message(errno)));
  }
  auto lock = std::make_unique<Lock>(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      throw Error(Error::kBusy,
                  fmt::format("{}: index is locked by another process", dir.string()));
    }
    throw Error(Error::kIo,
                fmt::format("{}: cannot lock index: {}", dir.string(), errno_message(errno)));
  }
  // Left by a run killed while compacting: a partial copy, or the old
  // database already swapped out.
  fs::remove_all(dir / kCompactDir, ec);
  if (!fs::exists(dir / schema::kXapianDir, ec)) {
    create(dir);
  } else if (verify) {
    if (const std::string damage = xapian_damage(dir / schema::kXapianDir); !damage.empty()) {
      throw Error(
          Error::kCorruption,
          fmt::format(
              "{}: the index is damaged ({}); nothing was changed. Move it aside and index the "
              "corpus again (kavosh-index --roots --index DIR lists its folders)",
              dir.string(), damage));
    }
  }
  return std::unique_ptr<IndexStore>(new IndexStore(dir, std::move(lock)));
}

void IndexStore::create(const fs::path& dir) {
  try {
    // SQLite first, empty at batch 0: the Xapian database appears last, and
    // whole, so no reader or later run ever meets a half-made index.
    {
      SqliteDb db(dir / schema::kSqliteFile);
      MetadataTables::create_schema(db);
      db.exec("BEGIN");
      db.exec("DELETE FROM documents; DELETE FROM files; DELETE FROM info;");
      db.exec(
          fmt::format("INSERT INTO info (key, value) VALUES ('schema', '{}'), ('analyzer', '{}'), "
                      "('batch', '0'), ('documents', '0')",
                      schema::kSchemaVersion, kAnalyzerVersion));
      db.exec("COMMIT");
    }
    const fs::path staging = dir / kStagingDir;
    std::error_code ec;
    fs::remove_all(staging, ec);  // left by a run killed while creating
    if (ec) {
      throw Error(Error::kIo, fmt::format("{}: cannot remove {}: {}", dir.string(),
                                          staging.filename().string(), ec.message()));
    }
    {
      Xapian::WritableDatabase xapian(staging.string(),
                                      Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      xapian.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
      xapian.set_metadata(std::string(schema::kMetaAnalyzer), std::to_string(kAnalyzerVersion));
      xapian.set_metadata(std::string(schema::kMetaBatch), "0");
      xapian.set_metadata(std::string(schema::kMetaFeatures), ablated_names(features()));
      xapian.commit();
      xapian.close();
    }
    sync_directory(staging);
    fs::rename(staging, dir / schema::kXapianDir, ec);
    if (ec) {
      throw Error(Error::kIo,
                  fmt::format("{}: cannot create index: {}", dir.string(), ec.message()));
    }
    sync_directory(dir);
  } catch (const SqliteError& e) {
    throw Error(Error::kIo, fmt::format("{}: cannot create index: {}", dir.string(), e.what()));
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo,
                fmt::format("{}: cannot create index: {}", dir.string(), e.get_description()));
  }
}

IndexStore::IndexStore(const fs::path& dir, std::unique_ptr<Lock> lock)
    : lock_(std::move(lock)), dir_(dir) {
  const std::string xapian_path = (dir / schema::kXapianDir).string();
  try {
    xapian_ = Xapian::WritableDatabase(xapian_path, Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    // We hold writer.lock: Xapian's own lock failing is not another
    // kavosh-index, so its own words say why (no space, permissions).
    throw Error(Error::kIo, fmt::format("{}: cannot open index for writing: {}", dir.string(),
                                        e.get_description()));
  }
  try {
    check_versions(xapian_, dir);
    batch_ = std::stoull("0" + meta(xapian_, schema::kMetaBatch));

    open_sqlite();
    if (sql_->info("batch") != std::to_string(batch_)) {
      rebuild_sqlite();
    }
    sql_->db.exec("BEGIN");
    xapian_.begin_transaction();
    in_transaction_ = true;
  } catch (const SqliteError& e) {
    throw Error(Error::kIo, fmt::format("{}: metadata database: {}", dir.string(), e.what()));
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo, fmt::format("{}: {}", dir.string(), e.get_description()));
  }
}

IndexStore::~IndexStore() {
  // Uncommitted work is dropped on both sides. Xapian: cancel the open
  // transaction. After a failed commit none is open, and closing would commit
  // what the failed one left pending; an unflushed transaction, cancelled,
  // discards that too.
  try {
    if (!in_transaction_) {
      xapian_.begin_transaction(false);
    }
    xapian_.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
  try {
    xapian_.close();
  } catch (const Xapian::Error&) {
  }
  // Closing SQLite inside BEGIN rolls back.
  sql_.reset();
}

// SQLite holds nothing that Xapian does not: a file that is not a
// database, or fails SQLite's quick check, is set aside and rebuilt.
void IndexStore::open_sqlite() {
  const fs::path file = dir_ / schema::kSqliteFile;
  std::string damage;
  try {
    sql_ = std::make_unique<MetadataTables>(file);
    Statement check = sql_->db.prepare("PRAGMA quick_check");
    if (check.step() && check.column_text(0) != "ok") {
      damage = check.column_text(0);
      std::replace(damage.begin(), damage.end(), '\n', ' ');
    }
  } catch (const SqliteError& e) {
    damage = e.what();
  }
  if (damage.empty()) {
    return;
  }
  sql_.reset();
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const fs::path from = file.string() + suffix;
    if (fs::exists(from, ec)) {
      fs::rename(from, file.string() + ".damaged" + suffix, ec);
      if (ec) {
        throw Error(Error::kIo, fmt::format("{}: damaged metadata ({}) cannot be set aside: {}",
                                            dir_.string(), damage, ec.message()));
      }
    }
  }
  sql_ = std::make_unique<MetadataTables>(file);
  sqlite_damage_ = damage;
  rebuild_sqlite();
  recovered_ = true;
}

void IndexStore::rebuild_sqlite() {
  recovered_ = xapian_.get_doccount() > 0;
  sql_->db.exec("BEGIN");
  sql_->db.exec("DELETE FROM documents; DELETE FROM files;");
  for (auto it = xapian_.postlist_begin(""); it != xapian_.postlist_end(""); ++it) {
    const Xapian::Document doc = xapian_.get_document(*it);
    sql_->upsert_record(*it, schema::Record::from_data(doc.get_data()),
                        root_of(doc.get_value(schema::kRootSlot)));
  }
  sql_->info("schema", std::to_string(schema::kSchemaVersion));
  sql_->info("analyzer", std::to_string(kAnalyzerVersion));
  sql_->info("batch", std::to_string(batch_));
  sql_->db.exec("COMMIT");
}

std::optional<IndexStore::Stored> IndexStore::find(std::string_view id) {
  Statement& q = sql_->find;
  q.bind(1, id);
  std::optional<Stored> found;
  if (q.step()) {
    found = Stored{static_cast<Xapian::docid>(q.column_int(0)), q.column_text(1),
                   static_cast<std::uint32_t>(q.column_int(2))};
  }
  q.reset();
  return found;
}

void IndexStore::put(BuiltDoc&& doc) {
  try {
    const std::string id_term = schema::id_term(doc.record.id);
    // A document alone in its cluster labels it with its own id term.
    const std::string own = id_term.substr(schema::kIdPrefix.size());
    const std::string cluster = cluster_of(doc.document, own);
    doc.document.add_value(schema::kClusterSlot, cluster);
    if (root_ != 0) {
      doc.document.add_value(schema::kRootSlot, std::to_string(root_));
    }
    const Xapian::docid docid = xapian_.replace_document(id_term, doc.document);
    if (!peers_.empty()) {
      // A cluster this run created, or joined (a label this run created).
      if (cluster == own) {
        new_clusters_[cluster].push_back(docid);
      } else if (const auto it = new_clusters_.find(cluster); it != new_clusters_.end()) {
        it->second.push_back(docid);
      }
    }
    sql_->upsert_record(docid, doc.record, root_);
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot write to the index");
  }
  ++pending_;
}

void IndexStore::remove(Xapian::docid docid) {
  try {
    xapian_.delete_document(docid);
    sql_->remove.bind(1, static_cast<std::int64_t>(docid)).run();
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot write to the index");
  }
  ++pending_;
}

bool IndexStore::file_unchanged(std::string_view path, std::uint64_t size, std::int64_t mtime_ns) {
  Statement& q = sql_->file_get;
  q.bind(1, path);
  const bool same =
      q.step() && q.column_int(0) == static_cast<std::int64_t>(size) && q.column_int(1) == mtime_ns;
  q.reset();
  return same;
}

void IndexStore::remember_file(std::string_view path, std::uint64_t size, std::int64_t mtime_ns) {
  sql_->file_put.bind(1, path)
      .bind(2, static_cast<std::int64_t>(size))
      .bind(3, mtime_ns)
      .bind(4, static_cast<std::int64_t>(root_))
      .run();
}

std::uint64_t IndexStore::documents_in(std::string_view path) {
  Statement& q = sql_->count_path;
  q.bind(1, path);
  const std::uint64_t count = q.step() ? static_cast<std::uint64_t>(q.column_int(0)) : 0;
  q.reset();
  return count;
}

void IndexStore::forget_file(std::string_view path) { sql_->file_forget.bind(1, path).run(); }

void IndexStore::for_each_document(
    std::uint32_t root,
    const std::function<void(Xapian::docid, const std::string&, const std::string&)>& fn) {
  std::vector<std::tuple<Xapian::docid, std::string, std::string>> rows;
  {
    Statement q =
        sql_->db.prepare("SELECT docid, ext_id, path FROM documents WHERE root = ? ORDER BY docid");
    q.bind(1, static_cast<std::int64_t>(root));
    while (q.step()) {
      rows.emplace_back(static_cast<Xapian::docid>(q.column_int(0)), q.column_text(1),
                        q.column_text(2));
    }
  }
  for (const auto& [docid, id, path] : rows) {
    fn(docid, id, path);
  }
}

std::uint64_t IndexStore::documents_of_root(std::uint32_t root) {
  Statement q = sql_->db.prepare("SELECT count(*) FROM documents WHERE root = ?");
  q.bind(1, static_cast<std::int64_t>(root));
  return q.step() ? static_cast<std::uint64_t>(q.column_int(0)) : 0;
}

bool IndexStore::has_top_level(const std::string& name) {
  // Byte order: "NAME/" <= path < "NAME0" ('0' follows '/').
  Statement q = sql_->db.prepare("SELECT 1 FROM documents WHERE path >= ? AND path < ? LIMIT 1");
  q.bind(1, name + '/').bind(2, name + '0');
  return q.step();
}

std::string IndexStore::roots() const { return meta(xapian_, schema::kMetaRoots); }

void IndexStore::set_roots(const std::string& record) {
  try {
    xapian_.set_metadata(std::string(schema::kMetaRoots), record);
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot write to the index");
  }
}

void IndexStore::for_each_file(std::uint32_t root,
                               const std::function<void(const std::string&)>& fn) {
  std::vector<std::string> paths;
  {
    Statement q = sql_->db.prepare("SELECT path FROM files WHERE root = ? ORDER BY path");
    q.bind(1, static_cast<std::int64_t>(root));
    while (q.step()) {
      paths.push_back(q.column_text(0));
    }
  }
  for (const auto& path : paths) {
    fn(path);
  }
}

void IndexStore::commit() {
  const std::string next = std::to_string(batch_ + 1);
  try {
    xapian_.set_metadata(std::string(schema::kMetaBatch), next);
    // Ends the transaction whether it succeeds or throws.
    in_transaction_ = false;
    xapian_.commit_transaction();
  } catch (...) {
    rethrow_as_index_error(dir_, "commit failed");
  }
  ++batch_;
  try {
    sql_->info("batch", next);
    sql_->info("documents", std::to_string(xapian_.get_doccount()));
    sql_->db.exec("COMMIT");
  } catch (...) {
    rethrow_as_index_error(dir_, "commit of the metadata failed, the next run rebuilds it");
  }
  pending_ = 0;
  for (SharedPeer* peer : peers_) {
    try {
      const std::lock_guard lock(peer->mutex);
      peer->db.reopen();  // the other shards' latest commits
    } catch (const Xapian::Error&) {
      // A peer that cannot be reopened keeps its older revision; clusters
      // only get less complete.
    }
  }
  try {
    sql_->db.exec("BEGIN");
    xapian_.begin_transaction();
    in_transaction_ = true;
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot start the next batch");
  }
}

std::uint64_t IndexStore::document_count() const { return xapian_.get_doccount(); }

}  // namespace kavosh
