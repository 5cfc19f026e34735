// The programs behave as the Unix tools their users know (issue 19):
// --version, KAVOSH_INDEX, a query per line from a file or a pipe, results
// for spreadsheets, "--", and one-line errors for bad numbers, a repeated
// index and mistyped options. Output is read back with Python's json and
// csv modules, as a user's script would read it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kavosh/kavosh.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;
const std::string kServeBin = KAVOSH_SERVE_BIN;

// Four articles; the first's title holds a comma, quotes and a Persian
// comma, the third's a tab, as CSV and TSV must carry them.
const std::vector<nlohmann::json> kArticles = {
    {{"id", "ilna-1"},
     {"title", "گزارش \"ویژه\"، دیدار پوتین, بخش یک"},
     {"body", "ولادیمیر پوتین امروز در تهران با همتای ایرانی خود دیدار کرد."},
     {"source", "ایلنا"},
     {"date", "1404/09/21"},
     {"url", "https://www.ilna.ir/news/1"}},
    {{"id", "isna-2"},
     {"title", "پوتین و پزشکیان در عشق‌آباد"},
     {"body",
      "مسعود پزشکیان و ولادیمیر پوتین در عشق‌آباد گفتگو "
      "کردند."},
     {"source", "ایسنا"},
     {"date", "1404/09/20"}},
    {{"id", "varzesh-3"},
     {"title", "AFC\tلیگ قهرمانان"},
     {"body",
      "کنفدراسیون فوتبال آسیا AFC اعلام کرد داوری ویدیویی VAR در دیدار پرسپولیس اجرا "
      "می‌شود."},
     {"source", "ورزش سه"},
     {"date", "1404/08/02"}},
    {{"id", "irna-4"},
     {"title", "خط جدید مترو تهران"},
     {"body",
      "خط ده مترو تهران با حضور شهردار افتتاح شد و مسافران از فردا سوار "
      "می‌شوند."},
     {"source", "ایرنا"},
     {"date", "1404/07/15"}},
};

const fs::path& test_index() {
  static TempDir dir;
  static const bool built = [] {
    std::string lines;
    for (const nlohmann::json& article : kArticles) {
      lines += article.dump() + "\n";
    }
    write_file(dir / "corpus" / "news.jsonl", lines);
    const Run r =
        run({kIndexBin, (dir / "corpus").string(), "--index", (dir / "index").string(), "-q"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  static const fs::path path = dir / "index";
  return path;
}

// kavosh-search with `args`, KAVOSH_INDEX unset (or set to `env_index`) and
// standard input from `input` (or /dev/null).
Run search(const std::vector<std::string>& args, const std::string& env_index = "",
           const fs::path& input = "/dev/null") {
  std::vector<std::string> command{"/usr/bin/env", "-u", "KAVOSH_INDEX",
                                   "KAVOSH_TEST_INPUT=" + input.string()};
  if (!env_index.empty()) {
    command.push_back("KAVOSH_INDEX=" + env_index);
  }
  command.insert(command.end(), {"/bin/sh", "-c", "exec \"$0\" \"$@\" < \"$KAVOSH_TEST_INPUT\""});
  command.push_back(kSearchBin);
  command.insert(command.end(), args.begin(), args.end());
  return run(command);
}

// Runs `script` with python3 on `file`; its standard output.
std::string python(const std::string& script, const fs::path& file) {
  const Run r = run({"/usr/bin/python3", "-c", script, file.string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return r.out;
}

// An argument error: status 2, one line that starts "PROGRAM: error: ".
void check_error(const Run& r, const std::string& program, const std::string& says) {
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, StartsWith(program + ": error: "));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_THAT(r.err, Contains(says));
}

std::size_t hits_for(const std::string& query) {
  const Run r = search({"--index", test_index().string(), "--json", query});
  return nlohmann::json::parse(r.out)["hits"].size();
}

}  // namespace

TEST_CASE("every program prints its version with --version", "[cli][issue-19]") {
  CHECK(std::string(kavosh::version()) == KAVOSH_VERSION);
  for (const std::string& program : {kIndexBin, kSearchBin, kServeBin}) {
    const Run r = run({program, "--version"});
    INFO(program << ": " << r.err);
    CHECK(r.status == 0);
    CHECK(r.out == fs::path(program).filename().string() + " " + KAVOSH_VERSION + "\n");
  }
}

TEST_CASE("KAVOSH_INDEX names the index when --index is not given", "[cli][issue-19]") {
  const std::string index = test_index().string();
  SECTION("kavosh-search searches it") {
    const Run r = search({"--count", "پوتین"}, index);
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "2\n");
  }
  SECTION("--index wins over it") {
    const Run r = search({"--index", index, "--count", "پوتین"}, "/nonexistent-kavosh-index");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "2\n");
  }
  SECTION("without either, the error names both") {
    check_error(search({"پوتین"}), "kavosh-search", "--index is required (or set KAVOSH_INDEX)");
  }
  SECTION("kavosh-index and kavosh-serve read it too") {
    const Run checked = run({"/usr/bin/env", "KAVOSH_INDEX=" + index, kIndexBin, "--check"});
    INFO(checked.err);
    CHECK(checked.status == 0);
    CHECK_THAT(checked.out, Contains("consistent, 4 documents"));
    const Run served = run({"/usr/bin/env", "KAVOSH_INDEX=/nonexistent-kavosh-index", kServeBin,
                            "--listen", "127.0.0.1:0"});
    CHECK(served.status == 2);
    CHECK_THAT(served.err, Contains("/nonexistent-kavosh-index"));
  }
}

TEST_CASE("each line of a --queries file is answered as one line of JSON",
          "[cli][issue-19][batch]") {
  TempDir tmp;
  // A byte order mark, CRLF line ends and blank lines, as Notepad saves it.
  write_file(tmp / "queries.txt", "\xEF\xBB\xBFپوتین\r\n\r\nمترو\r\n   \nزیردریایی\r\n");
  const std::string script = R"(
import json, sys
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f:
        doc = json.loads(line)
        print(doc['line'], doc['query'], len(doc['hits']), doc['total'])
)";
  const std::string expected = "1 پوتین 2 2\n3 مترو 1 1\n5 زیردریایی 0 0\n";
  SECTION("from a file") {
    const Run r =
        search({"--index", test_index().string(), "--queries", (tmp / "queries.txt").string()});
    INFO(r.err);
    CHECK(r.status == 0);
    write_file(tmp / "out.jsonl", r.out);
    CHECK(python(script, tmp / "out.jsonl") == expected);
  }
  SECTION("from standard input, with -") {
    const Run r =
        search({"--index", test_index().string(), "--queries", "-"}, "", tmp / "queries.txt");
    INFO(r.err);
    CHECK(r.status == 0);
    write_file(tmp / "out.jsonl", r.out);
    CHECK(python(script, tmp / "out.jsonl") == expected);
  }
  SECTION("a query that cannot run is an error line; the others are answered") {
    write_file(tmp / "bad.txt", "پوتین\n؟!\n");
    const Run r =
        search({"--index", test_index().string(), "--queries", (tmp / "bad.txt").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Contains(":2: the query has no words to search for"));
    std::istringstream lines(r.out);
    std::string first;
    std::string second;
    std::getline(lines, first);
    std::getline(lines, second);
    CHECK(nlohmann::json::parse(first)["hits"].size() == 2);
    CHECK(nlohmann::json::parse(second)["error"]["code"] == "bad_query");
  }
}

TEST_CASE("a query comes from standard input when none is given", "[cli][issue-19]") {
  TempDir tmp;
  write_file(tmp / "query.txt", "پوتین\n");
  const Run r = search({"--index", test_index().string(), "--count"}, "", tmp / "query.txt");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "2\n");
  write_file(tmp / "two.txt", "پوتین\nمترو\n");
  check_error(search({"--index", test_index().string()}, "", tmp / "two.txt"), "kavosh-search",
              "--queries -");
}

TEST_CASE("CSV results open in a spreadsheet with their Persian intact", "[cli][issue-19][csv]") {
  TempDir tmp;
  const Run r = search({"--index", test_index().string(), "--format", "csv", "پوتین"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, StartsWith("\xEF\xBB\xBFrank,id,title,"));
  CHECK(r.out.find("\r\n") != std::string::npos);
  write_file(tmp / "out.csv", r.out);
  const std::string script = R"(
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    rows = list(csv.reader(f))
print('|'.join(rows[0]))
for row in sorted(rows[1:], key=lambda row: row[1]):
    print(len(row), row[1], row[2], row[3], row[5], row[8] != '')
)";
  CHECK(
      python(script, tmp / "out.csv") ==
      "rank|id|title|date_jalali|date_gregorian|source|url|score|snippet\n"
      "9 ilna-1 گزارش \"ویژه\"، دیدار پوتین, بخش یک 1404/09/21 ایلنا True\n"
      "9 isna-2 پوتین و پزشکیان در عشق‌آباد 1404/09/20 ایسنا True\n");
  SECTION("with --queries, each row begins with its query") {
    write_file(tmp / "queries.txt", "پوتین\nمترو\n");
    const Run batch = search({"--index", test_index().string(), "--format", "csv", "--queries",
                              (tmp / "queries.txt").string()});
    write_file(tmp / "batch.csv", batch.out);
    const std::string queries = R"(
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    rows = list(csv.reader(f))
print(rows[0][0], rows[0][2])
for row in sorted(rows[1:], key=lambda row: (row[0], row[2])):
    print(row[0], row[2])
)";
    CHECK(python(queries, tmp / "batch.csv") ==
          "query id\nمترو irna-4\nپوتین ilna-1\nپوتین isna-2\n");
  }
}

TEST_CASE("TSV results split on tabs into their columns", "[cli][issue-19][tsv]") {
  const Run r = search({"--index", test_index().string(), "--format", "tsv", "AFC"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::istringstream lines(r.out);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) {
      fields.push_back(cell);
    }
    rows.push_back(fields);
  }
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"rank", "id", "title", "date_jalali", "date_gregorian",
                                            "source", "url", "score", "snippet"});
  REQUIRE(rows[1].size() == 9);
  CHECK(rows[1][1] == "varzesh-3");
  CHECK(rows[1][2] == "AFC لیگ قهرمانان");  // the title's tab, a space
}

TEST_CASE("a Latin word can be excluded, after -- or as -VAR", "[cli][issue-19]") {
  const std::string index = test_index().string();
  CHECK(hits_for("AFC") == 1);
  const Run after = search({"--index", index, "--json", "--", "AFC", "-VAR"});
  INFO(after.err);
  CHECK(after.status == 1);
  CHECK(nlohmann::json::parse(after.out)["query"] == "AFC -VAR");
  SECTION("a word of '-' and a letter that begins no option needs no --") {
    const Run r = search({"--index", index, "AFC", "-VAR"});
    INFO(r.err);
    CHECK(r.status == 1);
  }
  SECTION("one that begins with a short option is an error that shows --") {
    check_error(search({"--index", index, "AFC", "-nato"}), "kavosh-search", "-- -nato");
  }
}

TEST_CASE("bad numbers and arguments are one-line errors with status 2", "[cli][issue-19]") {
  const std::string index = test_index().string();
  const auto searching = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--index", index});
    args.push_back("پوتین");
    return search(args);
  };
  check_error(searching({"--limit", "-5"}), "kavosh-search", "--limit: -5 is negative");
  check_error(searching({"--offset", "-1"}), "kavosh-search", "--offset: -1 is negative");
  check_error(searching({"--limit", "99999999999999999999"}), "kavosh-search", "too large");
  check_error(searching({"--limit", "ten"}), "kavosh-search", "not a whole number");
  check_error(searching({"--recency", "nan"}), "kavosh-search", "not a finite number");
  check_error(searching({"--recency", "inf"}), "kavosh-search", "not a finite number");
  check_error(searching({"--limt", "3"}), "kavosh-search",
              "unknown option --limt; did you mean --limit?");
  check_error(searching({"--index", index + "/."}), "kavosh-search", "given twice");
  check_error(run({kIndexBin, "corpus", "--index", index, "--jobs", "-1"}), "kavosh-index",
              "--jobs: -1 is negative");
  check_error(run({kIndexBin, "corpus", "--index", index, "--shards", "99999999999999999999"}),
              "kavosh-index", "too large");
  check_error(run({kIndexBin, "corpus", "--index", index, "--max-article-size", "-5"}),
              "kavosh-index", "not a size");
  check_error(run({kIndexBin, "--index", index, "--jbos", "2"}), "kavosh-index",
              "did you mean --jobs?");
  check_error(run({kIndexBin, "--index", index}), "kavosh-index", "CORPUS_DIR is required");
  check_error(run({kServeBin, "--index", index, "--threads", "-1"}), "kavosh-serve",
              "--threads: -1 is negative");
  check_error(run({kServeBin, "--index", index, "--index", index}), "kavosh-serve", "given twice");
}

TEST_CASE("a limit past 32 bits shows every result", "[cli][issue-19]") {
  const Run r =
      search({"--index", test_index().string(), "--json", "--limit", "4294967296", "پوتین"});
  INFO(r.err);
  CHECK(r.status == 0);
  const auto results = nlohmann::json::parse(r.out);
  CHECK(results["hits"].size() == 2);
  CHECK(results["limit"] == 4294967296ULL);
}

TEST_CASE("the count line says result or results as the number needs", "[cli][issue-19]") {
  const std::string index = test_index().string();
  const Run one = search({"--index", index, "--color=never", "مترو"});
  CHECK_THAT(one.out, Contains("1 result ("));
  CHECK(one.out.find("of 1") == std::string::npos);
  const Run page = search({"--index", index, "--color=never", "--limit", "1", "پوتین"});
  CHECK_THAT(page.out, Contains("results 1–1 of 2 ("));
}
