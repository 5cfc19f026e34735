#include "indexer/sqlite_db.h"

#include <fmt/format.h>

namespace kavosh {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    throw SqliteError(fmt::format("SQLite: {} in \"{}\"", sqlite3_errmsg(db), sql));
  }
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    throw SqliteError(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
    throw SqliteError(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  const std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw SqliteError(fmt::format("SQLite: {}", message));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
}

namespace {

// A file: URI for `file`, with the characters URIs reserve escaped.
std::string file_uri(const std::filesystem::path& file, std::string_view query) {
  std::string uri = "file:";
  for (const char c : file.native()) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

}  // namespace

SqliteDb::SqliteDb(const std::filesystem::path& file, Mode mode) {
  int rc = SQLITE_OK;
  switch (mode) {
    case Mode::kReadWrite:
      rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
      break;
    case Mode::kReadOnly:
      rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
      break;
    case Mode::kImmutable:
      rc = sqlite3_open_v2(file_uri(file, "immutable=1").c_str(), &db_,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
      break;
  }
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw SqliteError(fmt::format("{}: {}", file.string(), message));
  }
  sqlite3_busy_timeout(db_, 5000);
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

void SqliteDb::exec(std::string_view sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw SqliteError(fmt::format("SQLite: {}", message));
  }
}

}  // namespace kavosh
