#include "bench/speed/systems.h"

#include <sqlite3.h>
#include <xapian.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "bench/speed/corpus.h"
#include "kavosh/kavosh.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kHits = 10;

// ---------------------------------------------------------------- Kavosh

class KavoshSession : public QuerySession {
 public:
  explicit KavoshSession(const Searcher& searcher) : searcher_(searcher) {}
  std::size_t search(const std::string& query) override {
    SearchOptions options;
    options.limit = kHits;
    options.snippets = true;
    // Features switched off for a comparison run, as kavosh-search and
    // bench/relevance take them: the library reads no environment.
    if (const char* ablate = std::getenv("KAVOSH_ABLATE")) {
      options.ablate = ablate;
    }
    try {
      return searcher_.search(query, options).hits.size();
    } catch (const Error&) {
      return 0;  // a query of punctuation only, say
    }
  }

 private:
  const Searcher& searcher_;
};

// One Searcher for every thread, as the API intends.
class KavoshEngine : public Engine {
 public:
  explicit KavoshEngine(const fs::path& index) : searcher_(Searcher::open(index)) {}
  std::unique_ptr<QuerySession> session() override {
    return std::make_unique<KavoshSession>(searcher_);
  }

 private:
  Searcher searcher_;
};

class KavoshSystem : public System {
 public:
  KavoshSystem(std::string index_bin, std::size_t jobs, std::size_t shards)
      : index_bin_(std::move(index_bin)), jobs_(jobs), shards_(shards) {}
  std::string name() const override {
    std::string name = "Kavosh";
    if (jobs_ != 0) {
      name += " --jobs " + std::to_string(jobs_);
    }
    if (shards_ > 1) {
      name += " --shards " + std::to_string(shards_);
    }
    return name;
  }
  std::vector<std::string> index_command(const fs::path& corpus,
                                         const fs::path& index) const override {
    std::vector<std::string> command{index_bin_, corpus.string(), "--index", index.string(),
                                     "--quiet"};
    if (jobs_ != 0) {
      command.insert(command.end(), {"--jobs", std::to_string(jobs_)});
    }
    if (shards_ > 1) {
      command.insert(command.end(), {"--shards", std::to_string(shards_)});
    }
    return command;
  }
  std::unique_ptr<Engine> open(const fs::path& index) const override {
    return std::make_unique<KavoshEngine>(index);
  }

 private:
  std::string index_bin_;
  std::size_t jobs_;
  std::size_t shards_;
};

// ---------------------------------------------------------------- SQLite FTS5

class Sqlite {
 public:
  Sqlite(const fs::path& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("SQLite: " + file.string() + ": " + message);
    }
    // Readers opening a WAL database at once may briefly lock each other
    // out while its shared-memory file is set up.
    sqlite3_busy_timeout(db_, 10000);
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "error";
      sqlite3_free(message);
      throw std::runtime_error(std::string("SQLite: ") + text + " in: " + sql);
    }
  }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_) + " in: " + sql);
    }
    return statement;
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// The FTS5 expression of a query: a "quoted phrase" stays one; otherwise
// the words, each quoted, ORed (ranked retrieval, as Kavosh's and Xapian's
// default). Punctuation goes, as unicode61 would drop it.
std::string fts5_expression(const std::string& query) {
  if (query.size() > 2 && query.front() == '"' && query.back() == '"') {
    return query;
  }
  std::string text = query;
  for (const std::string_view mark : {"\xD8\x9F", "\xD8\x8C", "\xD8\x9B", "\xC2\xAB", "\xC2\xBB"}) {
    for (std::size_t at; (at = text.find(mark)) != std::string::npos;) {
      text.replace(at, mark.size(), " ");
    }
  }
  std::string expression;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) {
      expression += (expression.empty() ? "\"" : " OR \"") + word + "\"";
      word.clear();
    }
  };
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80 && !std::isalnum(b)) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return expression;
}

class Fts5Session : public QuerySession {
 public:
  explicit Fts5Session(const fs::path& file)
      : db_(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX),
        query_(db_.prepare("SELECT rowid, title, snippet(docs, 2, '[', ']', '…', 40) FROM docs "
                           "WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")) {}
  ~Fts5Session() override { sqlite3_finalize(query_); }

  std::size_t search(const std::string& query) override {
    const std::string expression = fts5_expression(query);
    if (expression.empty()) {
      return 0;
    }
    sqlite3_bind_text(query_, 1, expression.data(), static_cast<int>(expression.size()),
                      SQLITE_TRANSIENT);
    std::size_t hits = 0;
    int status;
    while ((status = sqlite3_step(query_)) == SQLITE_ROW) {
      title_ = text_of(1);
      snippet_ = text_of(2);
      ++hits;
    }
    sqlite3_reset(query_);
    return status == SQLITE_DONE ? hits : 0;
  }

 private:
  Sqlite db_;
  sqlite3_stmt* query_;
  std::string title_;
  std::string snippet_;

  std::string_view text_of(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query_, column));
    return text == nullptr ? std::string_view() : std::string_view(text);
  }
};

class Fts5Engine : public Engine {
 public:
  explicit Fts5Engine(fs::path file) : file_(std::move(file)) {}
  std::unique_ptr<QuerySession> session() override { return std::make_unique<Fts5Session>(file_); }

 private:
  fs::path file_;
};

class Fts5System : public System {
 public:
  explicit Fts5System(std::string self) : self_(std::move(self)) {}
  std::string name() const override { return "SQLite FTS5"; }
  std::vector<std::string> index_command(const fs::path& corpus,
                                         const fs::path& index) const override {
    return {self_, "index-fts5", corpus.string(), index.string()};
  }
  std::unique_ptr<Engine> open(const fs::path& index) const override {
    return std::make_unique<Fts5Engine>(index / "fts5.sqlite");
  }

 private:
  std::string self_;
};

// ---------------------------------------------------------------- Xapian

class XapianSession : public QuerySession {
 public:
  explicit XapianSession(const fs::path& dir) : db_(dir.string()) {
    parser_.set_database(db_);
    parser_.set_default_op(Xapian::Query::OP_OR);
  }
  std::size_t search(const std::string& query) override {
    Xapian::Query parsed;
    try {
      parsed = parser_.parse_query(query);
    } catch (const Xapian::QueryParserError&) {
      return 0;
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed);
    const Xapian::MSet matches = enquire.get_mset(0, kHits);
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::size_t newline = data.find('\n');
      title_ = data.substr(0, newline);
      snippet_ = matches.snippet(newline == std::string::npos ? "" : data.substr(newline + 1), 300);
    }
    return matches.size();
  }

 private:
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  std::string title_;
  std::string snippet_;
};

class XapianEngine : public Engine {
 public:
  explicit XapianEngine(fs::path dir) : dir_(std::move(dir)) {}
  std::unique_ptr<QuerySession> session() override { return std::make_unique<XapianSession>(dir_); }

 private:
  fs::path dir_;
};

class XapianSystem : public System {
 public:
  explicit XapianSystem(std::string self) : self_(std::move(self)) {}
  std::string name() const override { return "Xapian (plain)"; }
  std::vector<std::string> index_command(const fs::path& corpus,
                                         const fs::path& index) const override {
    return {self_, "index-xapian", corpus.string(), index.string()};
  }
  std::unique_ptr<Engine> open(const fs::path& index) const override {
    return std::make_unique<XapianEngine>(index);
  }

 private:
  std::string self_;
};

}  // namespace

std::unique_ptr<System> kavosh_system(const std::string& index_bin, std::size_t jobs,
                                      std::size_t shards) {
  return std::make_unique<KavoshSystem>(index_bin, jobs, shards);
}

std::unique_ptr<System> fts5_system(const std::string& self) {
  return std::make_unique<Fts5System>(self);
}

std::unique_ptr<System> xapian_system(const std::string& self) {
  return std::make_unique<XapianSystem>(self);
}

void index_fts5(const fs::path& corpus, const fs::path& index, std::size_t batch) {
  fs::create_directories(index);
  Sqlite db(index / "fts5.sqlite", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // As Kavosh's metadata database: WAL, synced at each commit.
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec(
      "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
      "tokenize = 'unicode61 remove_diacritics 2')");
  sqlite3_stmt* insert = db.prepare("INSERT INTO docs (id, title, body) VALUES (?1, ?2, ?3)");
  std::size_t pending = 0;
  db.exec("BEGIN");
  for_each_doc(corpus, [&](Doc&& doc) {
    sqlite3_bind_text(insert, 1, doc.id.data(), static_cast<int>(doc.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, doc.title.data(), static_cast<int>(doc.title.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, doc.body.data(), static_cast<int>(doc.body.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      throw std::runtime_error(std::string("SQLite FTS5: ") + sqlite3_errmsg(db.get()));
    }
    sqlite3_reset(insert);
    if (++pending == batch) {
      db.exec("COMMIT");
      db.exec("BEGIN");
      pending = 0;
    }
  });
  db.exec("COMMIT");
  sqlite3_finalize(insert);
}

void index_xapian(const fs::path& corpus, const fs::path& index, std::size_t batch) {
  Xapian::WritableDatabase db(index.string(),
                              Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  Xapian::TermGenerator generator;
  std::size_t pending = 0;
  for_each_doc(corpus, [&](Doc&& doc) {
    Xapian::Document document;
    generator.set_document(document);
    generator.index_text(doc.title);
    generator.increase_termpos(100);
    generator.index_text(doc.body);
    document.add_boolean_term("Q" + doc.id);
    document.set_data(doc.title + "\n" + doc.body);
    db.add_document(document);
    if (++pending == batch) {
      db.commit();
      pending = 0;
    }
  });
  db.commit();
}

}  // namespace kavosh::bench
