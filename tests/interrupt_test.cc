// Interrupted indexing runs (kill -9 and Ctrl-C) leave an index that opens,
// agrees with its metadata, and completes when run again.
#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

// A corpus big enough that indexing takes a while: generated news-like
// articles from real Persian words, deterministic by seed.
std::size_t make_corpus(const fs::path& dir, std::size_t articles) {
  static const char* const kWords[] = {
      "دولت",     "مجلس",   "تهران", "اقتصاد",    "بازار",
      "قیمت",     "نفت",    "گزارش", "وزیر",      "رئیس\u200Cجمهور",
      "همکاری",   "توسعه",  "ورزش",  "فوتبال",    "استقلال",
      "پرسپولیس", "زلزله",  "باران", "سیل",       "مدرسه",
      "دانشگاه",  "پژوهش",  "سلامت", "بیمارستان", "کشاورزی",
      "صادرات",   "واردات", "ارز",   "بانک",      "تورم",
      "مسکن",     "خودرو",  "فرهنگ", "سینما",     "کتاب",
      "جشنواره",  "موسیقی", "هنر",   "محیط",      "زیست"};
  std::mt19937 rng(1404);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  const std::size_t per_file = 1000;
  for (std::size_t f = 0; f * per_file < articles; ++f) {
    std::string lines;
    for (std::size_t i = f * per_file; i < std::min(articles, (f + 1) * per_file); ++i) {
      std::string body;
      for (int w = 0; w < 150; ++w) {
        body += kWords[pick(rng)];
        body += w % 12 == 11 ? ". " : " ";
      }
      lines += "{\"id\": \"gen-" + std::to_string(i) + "\", \"title\": \"" + kWords[pick(rng)] +
               " " + kWords[pick(rng)] + "\", \"date\": \"1404/09/" + std::to_string(1 + i % 30) +
               "\", \"body\": \"" + body + "\"}\n";
    }
    write_file(dir / ("part-" + std::to_string(1000 + f) + ".jsonl"), lines);
  }
  return articles;
}

// Whether the index has committed documents that a search finds.
bool has_commits(const fs::path& index) {
  return fs::exists(index / "xapian") &&
         run({kSearchBin, "--index", index.string(), "دولت"}).status == 0;
}

// Runs the indexer in the background and kills it with `signal` after
// `delay`; with `after_first_commit`, the delay counts from the moment the
// first batch is visible to searches.
int interrupt_after(const fs::path& corpus, const fs::path& index, int signal,
                    std::chrono::milliseconds delay, std::string* err = nullptr,
                    bool after_first_commit = false) {
  TempDir logs;
  const int out_fd = ::open((logs / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err_fd = ::open((logs / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const pid_t pid = kavosh::test::spawn(
      {kIndexBin, corpus.string(), "--index", index.string(), "--batch-size", "300"}, out_fd,
      err_fd);
  if (after_first_commit) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!has_commits(index) && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  std::this_thread::sleep_for(delay);
  kill(pid, signal);
  const int status = kavosh::test::wait_status(pid);
  close(out_fd);
  close(err_fd);
  if (err != nullptr) {
    std::ifstream in(logs / "err");
    err->assign(std::istreambuf_iterator<char>(in), {});
  }
  return status;
}

std::size_t consistent_count(const fs::path& index) {
  const Run check = run({kIndexBin, "--check", "--index", index.string()});
  INFO(check.out << check.err);
  REQUIRE(check.status == 0);
  return std::stoul(check.out.substr(check.out.find("consistent, ") + 12));
}

}  // namespace

TEST_CASE("an index killed mid-run opens, agrees with its metadata and completes on rerun",
          "[e2e][interrupt]") {
  TempDir tmp;
  const std::size_t articles = make_corpus(tmp / "corpus", 12000);
  const fs::path index = tmp / "index";
  std::mt19937 rng(21);
  std::uniform_int_distribution<int> delay_ms(50, 1500);
  int kills = 0;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int status =
        interrupt_after(tmp / "corpus", index, SIGKILL, std::chrono::milliseconds(delay_ms(rng)));
    INFO("attempt " << attempt << " status " << status);
    if (status == 0) {
      break;  // finished before the kill: nothing left to interrupt
    }
    CHECK(status == 128 + SIGKILL);
    ++kills;
    if (!fs::exists(index / "xapian")) {
      continue;  // killed before the index was created
    }
    // The index opens and answers while SQLite may still be one batch behind.
    const Run found = run({kSearchBin, "--index", index.string(), "--json", "دولت"});
    INFO(found.err);
    CHECK(found.status <= 1);
  }
  CHECK(kills > 0);
  const Run rerun = run({kIndexBin, (tmp / "corpus").string(), "--index", index.string()});
  INFO(rerun.out << rerun.err);
  REQUIRE(rerun.status == 0);
  CHECK(consistent_count(index) == articles);
  const Run again = run({kIndexBin, (tmp / "corpus").string(), "--index", index.string()});
  CHECK(again.out.find("0 added, 0 updated, " + std::to_string(articles) + " unchanged") !=
        std::string::npos);
}

TEST_CASE("Ctrl-C stops indexing cleanly and says what was committed", "[e2e][interrupt]") {
  TempDir tmp;
  const std::size_t articles = make_corpus(tmp / "corpus", 12000);
  const fs::path index = tmp / "index";
  std::string err;
  const int status =
      interrupt_after(tmp / "corpus", index, SIGINT, std::chrono::milliseconds(0), &err, true);
  INFO(err);
  CHECK(status == 130);
  CHECK(err.find("interrupted") != std::string::npos);
  // A clean stop leaves Xapian and SQLite in agreement at once.
  const std::size_t committed = consistent_count(index);
  CHECK(committed > 0);
  CHECK(committed < articles);
  REQUIRE(run({kIndexBin, (tmp / "corpus").string(), "--index", index.string()}).status == 0);
  CHECK(consistent_count(index) == articles);
}
