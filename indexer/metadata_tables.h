// The SQLite half of an index (schema::kSqliteFile): its tables and the
// statements IndexStore runs on them. It holds nothing that the Xapian
// database does not, so it can always be rebuilt from it.
#ifndef KAVOSH_INDEXER_METADATA_TABLES_H_
#define KAVOSH_INDEXER_METADATA_TABLES_H_

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/schema.h"
#include "indexer/sqlite_db.h"

namespace kavosh {

struct MetadataTables {
  explicit MetadataTables(const std::filesystem::path& file) : db(file) {}

  // Creates the tables if they do not exist, and adds the columns that
  // tables of older indexes lack. Returns true.
  static bool create_schema(SqliteDb& db);

  void upsert_record(Xapian::docid docid, const schema::Record& r, std::uint32_t root);

  // The `info` table: a value by key.
  void info(std::string_view key, std::string_view value);
  std::string info(std::string_view key);

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

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_METADATA_TABLES_H_
