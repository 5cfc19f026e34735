// Crash and interrupt safety: kill -9 and Ctrl-C at random moments of
// indexing runs never cost a commit or leave an index that does not open;
// one writer at a time; readers only ever see committed states.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "tests/news_generator.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::kGeneratedMarker;
using kavosh::test::number_after;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::RunOptions;
using kavosh::test::TempDir;
using kavosh::test::write_file;
using kavosh::test::write_generated_news;
using std::chrono::milliseconds;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;
const fs::path kFarsNews = fs::path(KAVOSH_CORPORA_DIR) / "farsnews" / "docs.jsonl";
const RunOptions kPatient{std::chrono::seconds(60)};

struct Corpus {
  std::size_t documents = 0;  // articles in all files
  std::size_t generated = 0;  // of which generated, with the marker word
};

// 4,000 generated articles and the 1,491 real FarsNews ones in three files
// or, where shared/ is absent, 2,000 more generated ones: about two seconds
// of indexing on a 2-core machine.
Corpus make_corpus(const fs::path& dir) {
  Corpus corpus;
  write_generated_news(dir, "gen", 4000);
  corpus.generated = 4000;
  std::ifstream fars(kFarsNews);
  if (!fars) {
    write_generated_news(dir, "more", 2000, 500, 120, 1405);
    corpus.generated += 2000;
    corpus.documents = corpus.generated;
    return corpus;
  }
  std::string parts[3];
  std::size_t lines = 0;
  for (std::string line; std::getline(fars, line);) {
    if (!line.empty()) {
      parts[lines++ % 3] += line + "\n";
    }
  }
  for (int i = 0; i < 3; ++i) {
    write_file(dir / ("fars-" + std::to_string(i) + ".jsonl"), parts[i]);
  }
  corpus.documents = corpus.generated + lines;
  return corpus;
}

// How many generated articles a search sees. A page far past the end makes
// Xapian count every match, so the total is exact.
std::size_t visible_generated(const fs::path& index) {
  // Documents are counted, not stories: no collapsing of near-duplicates.
  const Run r = run({kSearchBin, "--index", index.string(), "--json", "--no-collapse", "--limit",
                     "1", "--offset", "10000000", kGeneratedMarker},
                    kPatient);
  INFO("kavosh-search: " << r.status << " " << r.err);
  REQUIRE(r.status <= 1);  // 0 or 1 as grep's: the index opened
  return nlohmann::json::parse(r.out).at("total").get<std::size_t>();
}

struct Check {
  bool consistent = false;
  bool lag = false;  // SQLite exactly one batch behind Xapian
  std::size_t documents = 0;
};

// What `kavosh-index --check` says: consistent with N documents, or the one
// known disagreement an interrupted run may leave; anything else fails.
Check check(const fs::path& index) {
  const Run r = run({kIndexBin, "--check", "--index", index.string()}, kPatient);
  INFO("kavosh-index --check: " << r.status << " " << r.out << r.err);
  Check result;
  const auto documents = number_after(r.out, "consistent, ");
  const auto xapian = number_after(r.err, ": batch ");
  const auto sqlite = number_after(r.err, " in Xapian, ");
  if (r.status == 0 && documents) {
    result.consistent = true;
    result.documents = *documents;
  } else if (r.status == 2 && xapian && sqlite &&
             r.err.find(" in SQLite (an interrupted run; index again)") != std::string::npos) {
    REQUIRE(*sqlite + 1 == *xapian);
    result.lag = true;
  } else {
    FAIL("neither consistent nor one batch behind");
  }
  return result;
}

Run index_to_end(const fs::path& corpus, const fs::path& index) {
  return run({kIndexBin, corpus.string(), "--index", index.string(), "--quiet"}, kPatient);
}

// How long an uninterrupted run over `corpus` takes here, which scales the
// moments of the kills to the machine (and to a sanitizer build's pace).
milliseconds time_whole_run(const fs::path& corpus, const fs::path& index, std::size_t documents) {
  const Run r =
      run({kIndexBin, corpus.string(), "--index", index.string(), "--quiet", "--batch-size", "200"},
          kPatient);
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  REQUIRE(r.out.find("index holds " + std::to_string(documents) + " documents") !=
          std::string::npos);
  return std::chrono::duration_cast<milliseconds>(std::chrono::duration<double>(r.seconds));
}

pid_t start_indexer(const fs::path& corpus, const fs::path& index, int out_fd, int err_fd,
                    const std::string& batch = "200") {
  return kavosh::test::spawn(
      {kIndexBin, corpus.string(), "--index", index.string(), "--batch-size", batch, "--quiet"},
      out_fd, err_fd);
}

// Reaps `pid` if it has exited; its status, or -1 while it runs.
int poll_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) {
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class DevNull {
 public:
  DevNull() : fd_(::open("/dev/null", O_WRONLY | O_CLOEXEC)) {}
  ~DevNull() { ::close(fd_); }
  DevNull(const DevNull&) = delete;
  DevNull& operator=(const DevNull&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Kill statistics, printed for docs/RELIABILITY.md (ctest -V shows them).
struct Tally {
  int kills = 0;
  int before_index = 0;  // killed before the index existed
  int lags = 0;          // --check found SQLite one batch behind
  int finished = 0;      // the run ended before its kill
};

// Kills a run of the indexer with SIGKILL after `delay`, then checks what
// the index promises after any crash. `min_visible`: documents that must
// still be visible (committed before).
void kill_once(const fs::path& corpus, const fs::path& index, milliseconds delay, Tally& tally,
               std::size_t& min_visible, std::size_t max_visible, bool growing) {
  const DevNull null;
  const pid_t pid = start_indexer(corpus, index, null.fd(), null.fd());
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  const int status = kavosh::test::wait_status(pid);
  if (status == 0) {
    ++tally.finished;
    return;
  }
  REQUIRE(status == 128 + SIGKILL);
  ++tally.kills;
  if (!fs::exists(index / "xapian")) {
    ++tally.before_index;
    REQUIRE(min_visible == 0);  // an index, once there, never goes away
    return;
  }
  const std::size_t visible = visible_generated(index);
  CHECK(visible >= min_visible);
  CHECK(visible <= max_visible);
  if (growing) {
    min_visible = visible;  // what was committed stays committed
  }
  const Check state = check(index);
  tally.lags += state.lag ? 1 : 0;
}

}  // namespace

TEST_CASE("kill -9 at random moments, 20 times in a row, loses no commit and a rerun completes",
          "[e2e][crash]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path index = tmp / "index";
  const Corpus articles = make_corpus(corpus);
  const milliseconds whole = time_whole_run(corpus, tmp / "reference", articles.documents);
  std::mt19937 rng(20251212);
  Tally tally;
  std::size_t min_visible = 0;

  // Short runs: each kill lands early in a run that resumes the last one,
  // at start-up, while creating the index, rebuilding SQLite, reading,
  // adding or committing. Twenty of them add up to about 60% of a whole
  // run, start-ups included.
  const auto short_max = std::max<milliseconds::rep>(40, whole.count() * 6 / 100);
  std::uniform_int_distribution<milliseconds::rep> short_delay(0, short_max);
  int in_a_row = 0;  // kills since the last run that finished
  for (int attempt = 0; in_a_row < 20 && attempt < 100; ++attempt) {
    const int finished = tally.finished;
    kill_once(corpus, index, milliseconds(short_delay(rng)), tally, min_visible, articles.generated,
              true);
    in_a_row = tally.finished == finished ? in_a_row + 1 : 0;
  }
  REQUIRE(in_a_row >= 20);

  // Longer runs, until one finishes: kills late in the run too.
  std::uniform_int_distribution<milliseconds::rep> long_delay(0, whole.count());
  const int finished_before = tally.finished;
  for (int attempt = 0; tally.finished == finished_before && attempt < 30; ++attempt) {
    kill_once(corpus, index, milliseconds(long_delay(rng)), tally, min_visible, articles.generated,
              true);
  }
  const Run rerun = index_to_end(corpus, index);
  INFO(rerun.out << rerun.err);
  REQUIRE(rerun.status == 0);
  Check final_state = check(index);
  CHECK(final_state.consistent);
  CHECK(final_state.documents == articles.documents);
  CHECK(visible_generated(index) == articles.generated);

  // An update run killed: one file removed, one rewritten, one added.
  fs::remove(corpus / "gen-0000.jsonl");  // gen-0..499
  write_generated_news(tmp / "rewritten", "gen", 1000, 500, 120, 7);
  fs::copy_file(tmp / "rewritten" / "gen-0001.jsonl", corpus / "gen-0001.jsonl",
                fs::copy_options::overwrite_existing);  // gen-500..999, other words
  write_generated_news(corpus, "new", 500, 500, 120, 8);
  std::size_t no_minimum = 0;
  for (int i = 0; i < 5; ++i) {
    kill_once(corpus, index, milliseconds(short_delay(rng)), tally, no_minimum,
              articles.generated + 500, false);
  }
  const Run update = index_to_end(corpus, index);
  INFO(update.out << update.err);
  REQUIRE(update.status == 0);
  final_state = check(index);
  CHECK(final_state.consistent);
  CHECK(final_state.documents == articles.documents);  // 500 removed, 500 added
  const Run again = index_to_end(corpus, index);
  CHECK(again.out.find(" 0 added, 0 updated, ") != std::string::npos);
  CHECK(again.out.find(" 0 removed") != std::string::npos);

  std::printf(
      "crash_test: %d kills in a row, %d in all (%d before the index existed, %d leaving "
      "SQLite one batch behind), %d runs ended before their kill; %zu documents, whole run "
      "%lld ms, kills at 0-%lld ms\n",
      in_a_row, tally.kills, tally.before_index, tally.lags, tally.finished, articles.documents,
      static_cast<long long>(whole.count()), static_cast<long long>(short_max));
}

TEST_CASE("Ctrl-C at random moments commits what was read, says how much, and --check agrees",
          "[e2e][crash][interrupt]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path index = tmp / "index";
  const Corpus articles = make_corpus(corpus);
  const milliseconds whole = time_whole_run(corpus, tmp / "reference", articles.documents);
  std::mt19937 rng(1404);
  // Eight interrupts add up to about 60% of a whole run, start-ups included.
  std::uniform_int_distribution<milliseconds::rep> delay(0, whole.count() * 15 / 100);
  int interrupts = 0;
  std::size_t committed = 0;
  for (int attempt = 0; attempt < 12 && interrupts < 8; ++attempt) {
    const TempDir logs;
    const int out_fd = ::open((logs / "out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    const int err_fd = ::open((logs / "err").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    const pid_t pid = start_indexer(corpus, index, out_fd, err_fd);
    ::close(out_fd);
    ::close(err_fd);
    // Ctrl-C before main() installs its handler kills like any signal;
    // what is tested here is the handler.
    int status = -1;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (status < 0 && !kavosh::test::catches_signal(pid, SIGINT) &&
           std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(milliseconds(1));
      status = poll_status(pid);
    }
    if (status < 0) {
      std::this_thread::sleep_for(milliseconds(delay(rng)));
      kill(pid, SIGINT);
      status = kavosh::test::wait_status(pid);
    }
    std::ifstream in(logs / "err");
    const std::string err{std::istreambuf_iterator<char>(in), {}};
    INFO("attempt " << attempt << ": status " << status << ": " << err);
    if (status == 0) {
      // Done before the signal (the machine sped up since the timing run):
      // start again from nothing.
      fs::remove_all(index);
      committed = 0;
      continue;
    }
    REQUIRE(status == 130);
    ++interrupts;
    const auto said_count = number_after(err, "interrupted; everything read so far is committed (");
    REQUIRE(said_count);
    CHECK(err.find(std::to_string(*said_count) + " documents in the index): run again to finish") !=
          std::string::npos);
    const std::size_t said = *said_count;
    // A clean stop leaves Xapian and SQLite in agreement at once, holding
    // what the message said, and never less than before.
    const Check state = check(index);
    CHECK(state.consistent);
    CHECK(state.documents == said);
    CHECK(said >= committed);
    committed = said;
  }
  CHECK(interrupts == 8);
  const Run rerun = index_to_end(corpus, index);
  INFO(rerun.out << rerun.err);
  REQUIRE(rerun.status == 0);
  const Check state = check(index);
  CHECK(state.consistent);
  CHECK(state.documents == articles.documents);
  std::printf("crash_test: %d Ctrl-C interrupts, each committed and consistent\n", interrupts);
}

TEST_CASE("a second writer is refused while the first runs on, and so is --check",
          "[e2e][crash][lock]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path index = tmp / "index";
  write_generated_news(corpus, "gen", 8000);
  const DevNull null;
  const pid_t first = start_indexer(corpus, index, null.fd(), null.fd(), "100");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(index / "xapian") && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  const Run second = run({kIndexBin, corpus.string(), "--index", index.string()}, kPatient);
  const Run checking = run({kIndexBin, "--check", "--index", index.string()}, kPatient);
  const bool first_still_running = poll_status(first) < 0;
  kill(first, SIGKILL);  // if the assertions below throw
  (void)kavosh::test::wait_status(first);
  INFO(second.err << checking.err);
  REQUIRE(first_still_running);  // else the corpus is too small to test this
  CHECK(second.status == 2);
  CHECK(second.err ==
        "kavosh-index: error: " + index.string() + ": index is locked by another process\n");
  CHECK(checking.status == 2);
  CHECK(checking.err.find("locked by another process") != std::string::npos);

  // The lock dies with its holder: the next writer is not refused.
  const Run next = index_to_end(corpus, index);
  INFO(next.err);
  CHECK(next.status == 0);
  CHECK(check(index).documents == 8000);
}

TEST_CASE("a reader during a whole indexing run never fails and only sees commits",
          "[e2e][crash][reader]") {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path index = tmp / "index";
  constexpr std::size_t kArticles = 6000;
  constexpr std::size_t kBatch = 100;
  write_generated_news(corpus, "gen", kArticles);
  const DevNull null;
  const pid_t writer = start_indexer(corpus, index, null.fd(), null.fd(), std::to_string(kBatch));
  std::vector<std::size_t> seen;
  int status = -1;
  while (status < 0) {
    status = poll_status(writer);
    if (!fs::exists(index / "xapian")) {
      std::this_thread::sleep_for(milliseconds(2));
      continue;
    }
    const std::size_t visible = visible_generated(index);  // REQUIREs exit 0 or 1
    INFO("reads so far: " << seen.size());
    CHECK((visible % kBatch == 0 || visible == kArticles));
    if (!seen.empty()) {
      CHECK(visible >= seen.back());
    }
    seen.push_back(visible);
  }
  REQUIRE(status == 0);
  CHECK(visible_generated(index) == kArticles);
  std::vector<std::size_t> states = seen;
  states.erase(std::unique(states.begin(), states.end()), states.end());
  INFO("reads: " << seen.size() << ", distinct states: " << states.size());
  CHECK(states.size() >= 3);  // the reads really overlapped the run
  std::printf("crash_test: %zu reads during one run saw %zu committed states, in order\n",
              seen.size(), states.size());
}

TEST_CASE("an index whose SQLite missed the last commit answers at once and is repaired",
          "[e2e][crash]") {
  // The state of a crash between the Xapian and the SQLite commit, made on
  // purpose: SQLite as it was one batch ago beside the newer Xapian.
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  const fs::path index = tmp / "index";
  write_generated_news(corpus, "a", 500);
  REQUIRE(index_to_end(corpus, index).status == 0);
  fs::create_directories(tmp / "saved");
  for (const auto& entry : fs::directory_iterator(index)) {
    if (entry.path().filename().string().rfind("metadata.sqlite", 0) == 0) {
      fs::copy_file(entry.path(), tmp / "saved" / entry.path().filename());
    }
  }
  write_generated_news(corpus, "b", 500);
  REQUIRE(run({kIndexBin, corpus.string(), "--index", index.string(), "--batch-size", "100000"})
              .status == 0);
  for (const auto& entry : fs::directory_iterator(index)) {
    if (entry.path().filename().string().rfind("metadata.sqlite", 0) == 0) {
      fs::remove(entry.path());
    }
  }
  for (const auto& entry : fs::directory_iterator(tmp / "saved")) {
    fs::copy_file(entry.path(), index / entry.path().filename());
  }

  const Check behind = check(index);
  CHECK(behind.lag);
  CHECK(visible_generated(index) == 1000);  // searches read Xapian, which has it all
  const Run repair = index_to_end(corpus, index);
  INFO(repair.out << repair.err);
  CHECK(repair.status == 0);
  CHECK(repair.err.find("metadata rebuilt from the Xapian index") != std::string::npos);
  CHECK(repair.out.find("0 added, 0 updated, 1000 unchanged, 0 removed") != std::string::npos);
  const Check repaired = check(index);
  CHECK(repaired.consistent);
  CHECK(repaired.documents == 1000);
}
