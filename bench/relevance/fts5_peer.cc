#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "bench/relevance/systems.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

constexpr const char* kTokenizer = "unicode61 remove_diacritics 2";

// An owned prepared statement.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite FTS5: ") + sqlite3_errmsg(db) + " in: " + sql);
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  // Advances to the next row; false when done.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc != SQLITE_DONE) {
      throw std::runtime_error(std::string("SQLite FTS5: ") + sqlite3_errmsg(db_));
    }
    return false;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p == nullptr
               ? std::string()
               : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Fts5System : public System {
 public:
  Fts5System() = default;
  ~Fts5System() override { sqlite3_close(db_); }
  Fts5System(const Fts5System&) = delete;
  Fts5System& operator=(const Fts5System&) = delete;

  void index(const Dataset& dataset, const std::vector<Document>& documents,
             const fs::path& work_dir) override;
  Run search(const std::vector<Query>& queries, std::size_t depth) override;

 private:
  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message == nullptr ? "error" : message;
      sqlite3_free(message);
      if (text.find("no such module: fts5") != std::string::npos) {
        text += " (this libsqlite3 was built without FTS5)";
      }
      throw std::runtime_error("SQLite FTS5: " + text + " in: " + sql);
    }
  }
  std::string match_expression(const std::string& query);

  sqlite3* db_ = nullptr;
};

void Fts5System::index(const Dataset& /*dataset*/, const std::vector<Document>& documents,
                       const fs::path& work_dir) {
  const fs::path path = work_dir / "fts5.sqlite";
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    throw std::runtime_error("SQLite FTS5: cannot open " + path.string());
  }
  exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
  exec(std::string("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize = '") +
       kTokenizer + "')");
  // The query's tokens come from FTS5's own tokenizer: a one-row table of
  // the query and its 'instance' vocabulary, in token order.
  exec(std::string("CREATE VIRTUAL TABLE temp.query_text USING fts5(text, tokenize = '") +
       kTokenizer +
       "'); CREATE VIRTUAL TABLE temp.query_terms USING fts5vocab(query_text, instance)");
  exec("BEGIN");
  Statement insert(db_, "INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)");
  for (const Document& doc : documents) {
    insert.bind(1, doc.id);
    insert.bind(2, doc.title);
    insert.bind(3, doc.body);
    insert.step();
    insert.reset();
  }
  exec("COMMIT");
  exec("INSERT INTO docs(docs) VALUES ('optimize')");
}

std::string Fts5System::match_expression(const std::string& query) {
  exec("DELETE FROM temp.query_text");
  Statement insert(db_, "INSERT INTO temp.query_text(text) VALUES (?1)");
  insert.bind(1, query);
  insert.step();
  Statement terms(db_, "SELECT term FROM temp.query_terms ORDER BY doc, offset");
  std::string expression;
  while (terms.step()) {
    std::string term = terms.text(0);
    std::string quoted = "\"";
    for (const char c : term) {
      quoted += c;
      if (c == '"') {
        quoted += '"';
      }
    }
    quoted += '"';
    expression += (expression.empty() ? "" : " OR ") + quoted;
  }
  return expression;
}

Run Fts5System::search(const std::vector<Query>& queries, std::size_t depth) {
  // bm25() weights: id (unindexed) 0, title 2, body 1. Lower is better.
  Statement select(db_,
                   "SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, 0.0, 2.0, 1.0) "
                   "LIMIT " +
                       std::to_string(depth));
  Run run;
  for (const Query& query : queries) {
    const std::string expression = match_expression(query.text);
    if (expression.empty()) {
      continue;
    }
    select.bind(1, expression);
    Ranking& ranking = run[query.id];
    while (select.step()) {
      ranking.push_back(select.text(0));
    }
    select.reset();
  }
  return run;
}

}  // namespace

std::unique_ptr<System> make_fts5() { return std::make_unique<Fts5System>(); }

}  // namespace kavosh::bench
