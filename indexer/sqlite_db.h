// A thin RAII layer over SQLite's C API: connections and prepared statements
// that throw SqliteError instead of returning codes.
#ifndef KAVOSH_INDEXER_SQLITE_DB_H_
#define KAVOSH_INDEXER_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kavosh/error.h"

namespace kavosh {

// A kavosh::Error (kIo) from SQLite: its own type only so that the index
// store can tell SQLite's failures apart where it translates them.
class SqliteError : public Error {
 public:
  explicit SqliteError(const std::string& message) : Error(Error::kIo, message) {}
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind parameters by 1-based index; strings are copied by SQLite.
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::int64_t value);
  // Returns true while a row is available.
  bool step();
  // Runs a statement that returns no rows and resets it for reuse.
  void run();
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  enum class Mode {
    kReadWrite,  // created if missing
    kReadOnly,
    // Read-only, trusting that nobody writes: needs no -shm file, so it
    // reads a database in a directory this process cannot write to. Only
    // right when no -wal file exists.
    kImmutable,
  };
  // Opens `file`. Throws SqliteError.
  explicit SqliteDb(const std::filesystem::path& file, Mode mode = Mode::kReadWrite);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_SQLITE_DB_H_
