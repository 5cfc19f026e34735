// End-to-end archive search on corpus/: date and source filters, date order,
// facets; the expected figures come from corpus/EXPECTED.tsv.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "common/dates.h"
#include "indexer/sqlite_db.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;
const fs::path kCorpus = fs::path(KAVOSH_SOURCE_DIR) / "corpus";

struct Expected {
  std::string id;
  std::string gregorian;
  std::string jalali;
  std::string source;
};

std::vector<Expected> expected() {
  std::vector<Expected> rows;
  std::ifstream in(kCorpus / "EXPECTED.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Expected e;
    std::getline(fields, e.id, '\t');
    std::getline(fields, e.gregorian, '\t');
    std::getline(fields, e.jalali, '\t');
    std::getline(fields, e.source, '\t');
    rows.push_back(e);
  }
  return rows;
}

const fs::path& index() {
  static TempDir dir;
  static const fs::path path = dir / "index";
  static const bool built = [] {
    const Run r = run({kIndexBin, kCorpus.string(), "--index", path.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  return path;
}

// Counts here are of documents: near-duplicates are not collapsed unless a
// test asks for it with collapse = true.
nlohmann::json search(std::vector<std::string> args, bool collapse = false) {
  std::vector<std::string> argv{kSearchBin, "--index", index().string(),
                                "--json",   "--limit", "100"};
  if (!collapse) {
    argv.push_back("--no-collapse");
  }
  argv.insert(argv.end(), args.begin(), args.end());
  const Run r = run(argv);
  INFO(r.err);
  REQUIRE(r.status <= 1);
  return nlohmann::json::parse(r.out);
}

std::size_t count_if(const std::function<bool(const Expected&)>& pred) {
  std::size_t n = 0;
  for (const Expected& e : expected()) {
    n += pred(e) ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("every article of the sample archive has the date and source it shows",
          "[e2e][archive][dates]") {
  std::map<std::string, nlohmann::json> hits;
  const auto dated = search({"--sort", "oldest", "--from", "1300", ""});
  for (const auto& hit : dated["hits"]) {
    hits[hit["id"].get<std::string>()] = hit;
  }
  for (const Expected& e : expected()) {
    if (e.gregorian.empty()) {
      continue;
    }
    INFO(e.id);
    REQUIRE(hits.count(e.id) == 1);
    CHECK(hits[e.id]["date_gregorian"] == e.gregorian);
    CHECK(hits[e.id]["date_jalali"] == e.jalali);
    CHECK(hits[e.id]["source"] == e.source);
  }
}

TEST_CASE("date filters take partial Jalali and Gregorian dates", "[e2e][archive][filters]") {
  const std::size_t azar =
      count_if([](const Expected& e) { return e.jalali.rfind("1404/09", 0) == 0; });
  REQUIRE(azar > 0);
  CHECK(search({"--from", "1404/09", "--to", "1404/09", ""})["total"] == azar);
  CHECK(search({"--from", "۱۴۰۴/۰۹", "--to", "۱۴۰۴/۰۹", ""})["total"] == azar);
  CHECK(search({"date:1404/09", ""})["total"] == azar);
  CHECK(search({"--from", "2025-11-22", "--to", "2025-12-21", ""})["total"] == azar);
  const std::size_t aban_azar = count_if([](const Expected& e) {
    return e.jalali.rfind("1404/08", 0) == 0 || e.jalali.rfind("1404/09", 0) == 0;
  });
  CHECK(search({"date:1404/08..1404/09"})["total"] == aban_azar);
  const std::size_t dated = count_if([](const Expected& e) { return !e.jalali.empty(); });
  CHECK(search({"--from", "1404", ""})["total"] == dated);
}

TEST_CASE("everything from one agency in a month, newest first", "[e2e][archive][filters]") {
  const std::size_t isna_1404 = count_if(
      [](const Expected& e) { return e.source == "ایسنا" && e.jalali.rfind("1404", 0) == 0; });
  const auto r =
      search({"--source", "ایسنا", "--from", "1404", "--to", "1404", "--sort", "newest", ""});
  CHECK(r["total"] == isna_1404);
  std::string previous = "9999";
  for (const auto& hit : r["hits"]) {
    CHECK(hit["source"] == "ایسنا");
    const std::string date = hit["date_gregorian"];
    CHECK(date <= previous);
    previous = date;
  }
  CHECK(search({"source:ايسنا"})["total"].get<int>() ==
        static_cast<int>(count_if([](const Expected& e) { return e.source == "ایسنا"; })));
}

TEST_CASE("oldest first lists dated articles in order, undated ones last", "[e2e][archive][sort]") {
  const auto r = search({"--sort", "oldest", "تهران"});
  REQUIRE(r["hits"].size() >= 3);
  std::string previous;
  bool undated_seen = false;
  for (const auto& hit : r["hits"]) {
    const std::string date = hit["date_gregorian"];
    if (date.empty()) {
      undated_seen = true;
      continue;
    }
    CHECK(!undated_seen);
    CHECK(date >= previous);
    previous = date;
  }
}

TEST_CASE("facets count matches by source and Jalali month exactly", "[e2e][archive][facets]") {
  const auto r = search({"--facets", "--from", "1404", ""});
  const auto& facets = r["facets"];
  CHECK(facets["exact"] == true);
  std::map<std::string, std::size_t> months;
  std::size_t dated = 0;
  for (const Expected& e : expected()) {
    if (!e.jalali.empty()) {
      ++months[e.jalali.substr(0, 7)];
      ++dated;
    }
  }
  std::size_t sum = 0;
  for (const auto& m : facets["months"]) {
    INFO(m["value"]);
    CHECK(m["count"] == months[m["value"].get<std::string>()]);
    sum += m["count"].get<std::size_t>();
  }
  CHECK(sum == dated);
  CHECK(facets["years"][0]["value"] == "1404");
  const Run text =
      run({kSearchBin, "--index", index().string(), "--facets", "--color=never", "ایران"});
  CHECK(text.out.find("sources:") != std::string::npos);
  CHECK(text.out.find("months:") != std::string::npos);
}

TEST_CASE("a recency boost lifts newer articles without dropping any", "[e2e][archive][sort]") {
  const auto plain = search({"تهران"});
  const auto recent = search({"--recency", "3", "تهران"});
  CHECK(plain["total"] == recent["total"]);
  CHECK(recent["hits"][0]["date_gregorian"].get<std::string>() >=
        plain["hits"][0]["date_gregorian"].get<std::string>());
}

TEST_CASE("fields and filters reject what they cannot use, naming it", "[e2e][archive][errors]") {
  const auto error = [](std::vector<std::string> args) {
    std::vector<std::string> argv{kSearchBin, "--index", index().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  };
  Run r = error({"writer:کسی"});
  CHECK(r.status == 2);
  CHECK(r.err.find("title:, source:, date:") != std::string::npos);
  r = error({"--from", "1404/13", "تهران"});
  CHECK(r.status == 2);
  CHECK(r.err.find("--from") != std::string::npos);
  r = error({"--from", "1404/10", "--to", "1404/09", "تهران"});
  CHECK(r.status == 2);
  r = error({""});
  CHECK(r.status == 2);
}

TEST_CASE("title: searches titles only", "[e2e][archive][fields]") {
  const auto in_title = search({"title:دربی"});
  REQUIRE(in_title["total"].get<int>() >= 1);
  for (const auto& hit : in_title["hits"]) {
    CHECK(hit["title"].get<std::string>().find("رب") != std::string::npos);
  }
  CHECK(search({"title:\"روسای جمهور\""})["total"] == 1);
}

TEST_CASE("near-duplicates collapse into one hit and list together", "[e2e][archive][dups]") {
  const auto collapsed = search({"مترو"}, true);
  const auto all = search({"مترو"});
  REQUIRE(!collapsed["hits"].empty());
  CHECK(collapsed["hits"][0]["similar"] == 1);
  CHECK(all["total"].get<int>() == collapsed["total"].get<int>() + 1);
  std::set<std::string> ids;
  const auto dups = search({"--similar", "isna/1404-09-04-metro-khat10.txt"}, true);
  for (const auto& hit : dups["hits"]) {
    ids.insert(hit["id"].get<std::string>());
  }
  CHECK(ids == std::set<std::string>{"irna/1404-09-04-metro-khat10.txt",
                                     "isna/1404-09-04-metro-khat10.txt"});
  // Distinct stories stay apart: no other cluster in the archive.
  const auto every = search({"--from", "1300", ""});
  const auto grouped = search({"--from", "1300", ""}, true);
  CHECK(every["total"].get<int>() == grouped["total"].get<int>() + 1);
}

TEST_CASE("more like this leaves out the document and its near-duplicates",
          "[e2e][archive][like]") {
  const auto r = search({"--like", "irna/1404-09-04-metro-khat10.txt"});
  REQUIRE(!r["hits"].empty());
  for (const auto& hit : r["hits"]) {
    CHECK(hit["id"] != "irna/1404-09-04-metro-khat10.txt");
    CHECK(hit["id"] != "isna/1404-09-04-metro-khat10.txt");
  }
  const Run missing = run({kSearchBin, "--index", index().string(), "--like", "no-such-id"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no-such-id") != std::string::npos);
}

TEST_CASE(
    "an article dated only in Hijri gets its Jalali and Gregorian day, and every date "
    "keeps the form it was written in",
    "[e2e][archive][dates][hijri]") {
  TempDir tmp;
  const auto line = [](std::string_view id, std::string_view date, std::string_view title,
                       std::string_view body) {
    nlohmann::json j = {{"id", id}, {"title", title}, {"body", body}};
    if (!date.empty()) {
      j["date"] = date;
    }
    return j.dump() + "\n";
  };
  kavosh::test::write_file(
      tmp / "corpus" / "dates.jsonl",
      line("fatemiyeh", "", "آغاز عزاداری ایام فاطمیه در قم",
           "به گزارش ایرنا، مراسم عزاداری شهادت حضرت فاطمه زهرا (س) امروز ۳ "
           "جمادی‌الثانی "
           "۱۴۴۷ "
           "در حرم حضرت معصومه (س) برگزار می‌شود.") +
          line("ashura", "۱۴۴۷/۰۱/۱۰ هـ.ق", "راهپیمایی روز عاشورا",
               "به گزارش ایسنا، عزاداران حسینی در سراسر کشور در روز عاشورا راهپیمایی کردند.") +
          line("jomeh", "1447/06/20 ق", "نماز جمعه تهران",
               "به گزارش مهر، امروز جمعه ۲۱ آذر ۱۴۰۴ نماز جمعه تهران به امامت آیت‌الله "
               "خاتمی "
               "برگزار "
               "شد.") +
          line("utc", "2025-12-11T21:00:00Z", "بارش برف در تهران",
               "به گزارش ایلنا، نخستین برف زمستانی بامداد امروز در تهران بارید.") +
          line("undated", "", "افزایش قیمت طلا",
               "به گزارش تسنیم، قیمت سکه در بازار امروز افزایش یافت."));
  const fs::path dir = tmp / "index";
  const Run indexed = run({kIndexBin, (tmp / "corpus").string(), "--index", dir.string()});
  INFO(indexed.err);
  REQUIRE(indexed.status == 0);

  const Run r = run(
      {kSearchBin, "--index", dir.string(), "--json", "--no-collapse", "--limit", "10", "گزارش"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const nlohmann::json results = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> hits;
  for (const auto& hit : results["hits"]) {
    hits[hit["id"].get<std::string>()] = hit;
  }
  REQUIRE(hits.size() == 5);
  struct Want {
    std::string id, gregorian, jalali, written, calendar, origin;
  };
  // Hijri days by ICU's islamic-civil calendar (see date_table_test).
  const Want wants[] = {
      {"fatemiyeh", "2025-11-24", "1404/09/03", "۳ جمادی‌الثانی ۱۴۴۷", "hijri",
       "head"},
      {"ashura", "2025-07-06", "1404/04/15", "۱۴۴۷/۰۱/۱۰ هـ.ق", "hijri", "metadata"},
      // The Jalali date in the text wins over the Hijri date field.
      {"jomeh", "2025-12-12", "1404/09/21", "جمعه ۲۱ آذر ۱۴۰۴", "jalali", "head"},
      // 00:30 on 21 Azar in Tehran.
      {"utc", "2025-12-12", "1404/09/21", "2025-12-11T21:00:00Z", "gregorian", "metadata"},
      {"undated", "", "", "", "", ""},
  };
  for (const Want& w : wants) {
    INFO(w.id);
    const nlohmann::json& hit = hits[w.id];
    CHECK(hit["date_gregorian"] == w.gregorian);
    CHECK(hit["date_jalali"] == w.jalali);
    CHECK(hit["date_written"] == w.written);
    CHECK(hit["date_calendar"] == w.calendar);
    CHECK(hit["date_origin"] == w.origin);
  }
  const std::optional<kavosh::DocDate> fatemiyeh = kavosh::from_hijri(1447, 6, 3);
  REQUIRE(fatemiyeh);
  CHECK(kavosh::format_iso(fatemiyeh->gregorian) == wants[0].gregorian);

  SECTION("the terminal output shows the Hijri date beside its conversion") {
    const Run text = run({kSearchBin, "--index", dir.string(), "--color=never", "فاطمیه"});
    CHECK(text.out.find("۳ آذر ۱۴۰۴ · 2025-11-24 (۳ جمادی‌الثانی ۱۴۴۷)") !=
          std::string::npos);
  }
  SECTION("the metadata database keeps the written form too") {
    kavosh::SqliteDb db(dir / "metadata.sqlite", kavosh::SqliteDb::Mode::kReadOnly);
    kavosh::Statement q = db.prepare(
        "SELECT date_written, date_calendar, date_origin FROM documents WHERE ext_id = "
        "'fatemiyeh'");
    REQUIRE(q.step());
    CHECK(q.column_text(0) == "۳ جمادی‌الثانی ۱۴۴۷");
    CHECK(q.column_text(1) == "hijri");
    CHECK(q.column_text(2) == "head");
  }
}
