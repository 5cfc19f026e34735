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
#include "indexer/near_dup.h"
#include "indexer/sqlite_db.h"

namespace kavosh {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  docid INTEGER PRIMARY KEY,   -- the Xapian document id
  ext_id TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  line INTEGER NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  date_gregorian TEXT NOT NULL,
  date_jalali TEXT NOT NULL,
  date_written TEXT NOT NULL,  -- the date as the article wrote it
  date_calendar TEXT NOT NULL,  -- 'jalali', 'gregorian', 'hijri' or ''
  date_origin TEXT NOT NULL,  -- 'metadata', 'url', 'path', 'head' or ''
  url TEXT NOT NULL,
  size INTEGER NOT NULL,
  hash TEXT NOT NULL,
  root INTEGER NOT NULL DEFAULT 0,  -- the corpus root it was read from
  category TEXT NOT NULL,
  tags TEXT NOT NULL,  -- one a line
  author TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  root INTEGER NOT NULL DEFAULT 0
);
)sql";

// The writer's lock file, and where a new Xapian database is built before it
// is renamed to schema::kXapianDir.
constexpr std::string_view kLockFile = "writer.lock";
constexpr std::string_view kStagingDir = "xapian.new";
constexpr std::string_view kCompactDir = "xapian.compact";
// Documents changed since the database was last compacted.
constexpr std::string_view kMetaChanged = "kavosh:changed-since-compaction";

std::string meta(const Xapian::Database& db, std::string_view key) {
  return db.get_metadata(std::string(key));
}

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

std::string errno_message(int error) { return std::generic_category().message(error); }

// Whether `dir` holds anything but what an index directory may hold before
// its Xapian database exists (what an interrupted creation leaves).
bool has_foreign_entries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(schema::kSqliteFile, 0) != 0 && name != kLockFile && name != kStagingDir &&
        name != kCompactDir) {
      return true;
    }
  }
  return false;
}

// fsync()s a directory, so that a rename in it survives a power cut.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

[[noreturn]] void rethrow_as_index_error(const fs::path& dir, std::string_view doing) {
  try {
    throw;
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo, fmt::format("{}: {}: {} (what was committed before is kept)",
                                        dir.string(), doing, e.get_description()));
  } catch (const SqliteError& e) {
    throw Error(Error::kIo, fmt::format("{}: {}: {} (what was committed before is kept)",
                                        dir.string(), doing, e.what()));
  }
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

struct IndexStore::Sql {
  explicit Sql(const fs::path& file) : db(file) {}

  static bool create_schema(SqliteDb& db) {
    db.exec("PRAGMA journal_mode = WAL");
    // A crash of the process loses no committed transaction in WAL mode with
    // NORMAL; a power cut may lose the last one, which a batch behind Xapian
    // then repairs.
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec(kCreateTables);
    // Tables made before corpus roots were recorded: every row is root 0.
    for (const char* table : {"documents", "files"}) {
      Statement columns = db.prepare(fmt::format("PRAGMA table_info({})", table));
      bool has_root = false;
      while (columns.step()) {
        has_root = has_root || columns.column_text(1) == "root";
      }
      if (!has_root) {
        db.exec(fmt::format("ALTER TABLE {} ADD COLUMN root INTEGER NOT NULL DEFAULT 0", table));
      }
    }
    return true;
  }

  void upsert_record(Xapian::docid docid, const schema::Record& r, std::uint32_t root) {
    upsert.bind(1, static_cast<std::int64_t>(docid))
        .bind(2, r.id)
        .bind(3, r.path)
        .bind(4, static_cast<std::int64_t>(r.line))
        .bind(5, r.title)
        .bind(6, r.source)
        .bind(7, r.date_gregorian)
        .bind(8, r.date_jalali)
        .bind(9, r.date_written)
        .bind(10, r.date_calendar)
        .bind(11, r.date_origin)
        .bind(12, r.url)
        .bind(13, static_cast<std::int64_t>(r.size))
        .bind(14, r.hash)
        .bind(15, static_cast<std::int64_t>(root))
        .bind(16, r.category)
        .bind(17, fmt::format("{}", fmt::join(r.tags, "\n")))
        .bind(18, r.author)
        .run();
  }

  void info(std::string_view key, std::string_view value) {
    set_info.bind(1, key).bind(2, value).run();
  }

  std::string info(std::string_view key) {
    Statement get = db.prepare("SELECT value FROM info WHERE key = ?");
    get.bind(1, key);
    return get.step() ? get.column_text(0) : std::string();
  }

  // Members are initialized in this order: the schema exists before any
  // statement is prepared against it.
  SqliteDb db;
  bool schema_ready = create_schema(db);
  Statement find = db.prepare("SELECT docid, hash, root FROM documents WHERE ext_id = ?");
  Statement upsert = db.prepare(
      "INSERT OR REPLACE INTO documents (docid, ext_id, path, line, title, source, "
      "date_gregorian, date_jalali, date_written, date_calendar, date_origin, url, size, hash, "
      "root, category, tags, author) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement remove = db.prepare("DELETE FROM documents WHERE docid = ?");
  Statement file_get = db.prepare("SELECT size, mtime_ns FROM files WHERE path = ?");
  Statement file_put =
      db.prepare("INSERT OR REPLACE INTO files (path, size, mtime_ns, root) VALUES (?, ?, ?, ?)");
  Statement count_path = db.prepare("SELECT count(*) FROM documents WHERE path = ?");
  Statement file_forget = db.prepare("DELETE FROM files WHERE path = ?");
  Statement set_info = db.prepare("INSERT OR REPLACE INTO info (key, value) VALUES (?, ?)");
};

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
      Sql::create_schema(db);
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
    sql_ = std::make_unique<Sql>(file);
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
  sql_ = std::make_unique<Sql>(file);
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

void IndexStore::best_cluster_in(Xapian::Database& db, const Xapian::Document& doc, double& best,
                                 std::string& cluster) {
  // At most this many candidates per band are compared: a band shared by
  // very many documents carries little evidence. A document indexed again
  // finds its own earlier version and keeps its cluster.
  constexpr int kMaxPerBand = 64;
  const auto signature = Signature::unserialise(doc.get_value(schema::kSignatureSlot));
  if (!signature) {
    return;
  }
  std::unordered_set<Xapian::docid> seen;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!schema::is_band_term(term)) {
      continue;
    }
    int n = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && n < kMaxPerBand;
         ++p, ++n) {
      if (!seen.insert(*p).second) {
        continue;
      }
      const Xapian::Document other = db.get_document(*p);
      const auto theirs = Signature::unserialise(other.get_value(schema::kSignatureSlot));
      if (!theirs) {
        continue;
      }
      const double similarity = signature->similarity(*theirs);
      std::string label = other.get_value(schema::kClusterSlot);
      if (similarity >= best && !label.empty()) {
        best = similarity;
        cluster = std::move(label);
      }
    }
  }
}

std::string IndexStore::cluster_of(const Xapian::Document& doc, const std::string& own) {
  std::string cluster;
  double best = kDuplicateThreshold;
  best_cluster_in(xapian_, doc, best, cluster);
  for (SharedPeer* shared : peers_) {
    const std::lock_guard lock(shared->mutex);
    Xapian::Database& peer = shared->db;
    // The peer's writer may have committed twice since the last reopen.
    try {
      best_cluster_in(peer, doc, best, cluster);
    } catch (const Xapian::DatabaseModifiedError&) {
      try {
        peer.reopen();
        best_cluster_in(peer, doc, best, cluster);
      } catch (const Xapian::Error&) {
        // Left out this time: join_peer_clusters() looks again.
      }
    }
  }
  return cluster.empty() ? own : cluster;
}

std::size_t IndexStore::join_peer_clusters() {
  std::size_t moved = 0;
  try {
    for (SharedPeer* peer : peers_) {
      const std::lock_guard lock(peer->mutex);
      peer->db.reopen();
    }
    for (const auto& [label, docids] : new_clusters_) {
      Xapian::Document first;
      try {
        first = xapian_.get_document(docids.front());
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // removed since
      }
      if (first.get_value(schema::kClusterSlot) != label) {
        continue;
      }
      std::string cluster;
      double best = kDuplicateThreshold;
      for (SharedPeer* peer : peers_) {
        const std::lock_guard lock(peer->mutex);
        best_cluster_in(peer->db, first, best, cluster);
      }
      if (cluster.empty() || cluster >= label) {
        continue;
      }
      for (const Xapian::docid docid : docids) {
        try {
          Xapian::Document doc = xapian_.get_document(docid);
          if (doc.get_value(schema::kClusterSlot) == label) {
            doc.add_value(schema::kClusterSlot, cluster);
            xapian_.replace_document(docid, doc);
            ++moved;
            ++pending_;
          }
        } catch (const Xapian::DocNotFoundError&) {
        }
      }
    }
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot write to the index");
  }
  new_clusters_.clear();
  return moved;
}

IndexStore::SharedPeer::SharedPeer(const fs::path& dir) {
  try {
    db = Xapian::Database((dir / schema::kXapianDir).string());
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo,
                fmt::format("{}: cannot open shard: {}", dir.string(), e.get_description()));
  }
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

namespace {

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto size = entry.file_size(ec);
    bytes += ec ? 0 : size;
  }
  return bytes;
}

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
  const fs::path fresh = dir_ / kCompactDir;
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
  try {
    // Closed first: after a failed copy the old handle still holds Xapian's
    // lock, and opening again would fail as "already locked", hiding the
    // real cause (a full disk, say).
    xapian_.close();
    xapian_ = Xapian::WritableDatabase(live.string(), Xapian::DB_OPEN);
    xapian_.begin_transaction();
    in_transaction_ = true;
    for (SharedPeer* peer : peers_) {
      const std::lock_guard lock(peer->mutex);
      peer->db.reopen();
    }
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot reopen the index after compaction");
  }
  result.bytes_after = directory_bytes(live);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::uint64_t IndexStore::document_count() const { return xapian_.get_doccount(); }

CheckResult check_index(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir / schema::kXapianDir, ec)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: not a Kavosh index", dir.string()));
  }
  // Held until the check ends, so that no writer starts meanwhile. Without
  // the file (an index written by nobody since it was copied) there is no
  // writer to fear.
  struct SharedLock {
    int fd;
    ~SharedLock() {
      if (fd >= 0) {
        ::close(fd);
      }
    }
  } lock{::open((dir / kLockFile).c_str(), O_RDONLY | O_CLOEXEC)};
  if (lock.fd >= 0) {
    if (::flock(lock.fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
      throw Error(Error::kBusy,
                  fmt::format("{}: index is locked by another process; check it when that run ends",
                              dir.string()));
    }
  }
  if (std::string damage = xapian_damage(dir / schema::kXapianDir); !damage.empty()) {
    return CheckResult{std::move(damage), 0};
  }
  const Xapian::Database xapian((dir / schema::kXapianDir).string());
  CheckResult result{"", xapian.get_doccount()};
  if (!fs::exists(dir / schema::kSqliteFile, ec)) {
    result.problem = fmt::format("no {} (index again to rebuild it)", schema::kSqliteFile);
    return result;
  }
  // SQLite reads a WAL database through its -shm file, which it creates if
  // the directory lets it, and removes on closing if it may write. Where it
  // cannot (read-only media, another user's index) and no -wal file exists,
  // the database file is all there is. Nothing is written either way.
  const fs::path sqlite_path = dir / schema::kSqliteFile;
  SqliteDb::Mode mode = SqliteDb::Mode::kReadWrite;
  if (::access(dir.c_str(), W_OK) != 0) {
    mode = fs::exists(sqlite_path.string() + "-wal", ec) ? SqliteDb::Mode::kReadOnly
                                                         : SqliteDb::Mode::kImmutable;
  }
  try {
    SqliteDb sql(sqlite_path, mode);
    std::unordered_map<Xapian::docid, std::pair<std::string, std::string>> rows;
    Statement q = sql.prepare("SELECT docid, ext_id, hash FROM documents");
    while (q.step()) {
      rows.emplace(static_cast<Xapian::docid>(q.column_int(0)),
                   std::pair{q.column_text(1), q.column_text(2)});
    }
    Statement batch = sql.prepare("SELECT value FROM info WHERE key = 'batch'");
    const std::string sql_batch = batch.step() ? batch.column_text(0) : "";
    if (sql_batch != meta(xapian, schema::kMetaBatch)) {
      result.problem =
          fmt::format("batch {} in Xapian, {} in SQLite (an interrupted run; index again)",
                      meta(xapian, schema::kMetaBatch), sql_batch);
      return result;
    }
    if (rows.size() != xapian.get_doccount()) {
      result.problem =
          fmt::format("{} documents in Xapian, {} in SQLite", xapian.get_doccount(), rows.size());
      return result;
    }
    for (auto it = xapian.postlist_begin(""); it != xapian.postlist_end(""); ++it) {
      const auto row = rows.find(*it);
      const schema::Record record = schema::Record::from_data(xapian.get_document(*it).get_data());
      if (row == rows.end()) {
        result.problem =
            fmt::format("document {} ({}) is in Xapian but not in SQLite", *it, record.id);
        return result;
      }
      if (row->second.first != record.id || row->second.second != record.hash) {
        result.problem = fmt::format("document {} is {} in Xapian but {} in SQLite", *it, record.id,
                                     row->second.first);
        return result;
      }
    }
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
