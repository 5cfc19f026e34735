#include "indexer/metadata_tables.h"

#include <fmt/format.h>

namespace kavosh {
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

}  // namespace

bool MetadataTables::create_schema(SqliteDb& db) {
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

void MetadataTables::upsert_record(Xapian::docid docid, const schema::Record& r,
                                   std::uint32_t root) {
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

void MetadataTables::info(std::string_view key, std::string_view value) {
  set_info.bind(1, key).bind(2, value).run();
}

std::string MetadataTables::info(std::string_view key) {
  Statement get = db.prepare("SELECT value FROM info WHERE key = ?");
  get.bind(1, key);
  return get.step() ? get.column_text(0) : std::string();
}

}  // namespace kavosh
