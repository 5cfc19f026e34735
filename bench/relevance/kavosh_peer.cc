#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

#include "bench/relevance/process.h"
#include "bench/relevance/systems.h"
#include "kavosh/kavosh.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

std::string read_tail(const fs::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return text.size() > bytes ? "…" + text.substr(text.size() - bytes) : text;
}

class KavoshSystem : public System {
 public:
  explicit KavoshSystem(KavoshOptions options) : options_(std::move(options)) {}

  void index(const Dataset& /*dataset*/, const std::vector<Document>& /*documents*/,
             const fs::path& work_dir) override;
  Run search(const std::vector<Query>& queries, std::size_t depth) override;

 private:
  std::vector<std::string> env() const {
    if (options_.ablate.empty()) {
      return {};
    }
    return {"KAVOSH_ABLATE=" + options_.ablate};
  }

  KavoshOptions options_;
  fs::path work_dir_;
  fs::path index_dir_;
  int searches_ = 0;
};

void KavoshSystem::index(const Dataset& dataset, const std::vector<Document>& /*documents*/,
                         const fs::path& work_dir) {
  work_dir_ = work_dir;
  index_dir_ = work_dir / "index";
  // The corpus holds the documents only: kavosh-index reads every file under
  // it, and the queries, judgments and README must not become documents.
  const fs::path corpus = work_dir / "corpus";
  fs::create_directories(corpus);
  fs::create_symlink(fs::absolute(dataset.docs), corpus / dataset.docs.filename());

  Command command;
  command.args = {options_.indexer.string(), corpus.string(), "--index", index_dir_.string(),
                  "--quiet"};
  command.env = env();
  command.log = work_dir / "kavosh-index.log";
  const int status = run_command(command);
  if (status != 0 && status != 1) {
    throw std::runtime_error(options_.indexer.string() + " exited with " + std::to_string(status) +
                             ": " + read_tail(command.log, 600));
  }
  if (status == 1) {
    // Done, but some documents were skipped: they are scored as not found,
    // so the tables would be unfair to Kavosh without this note.
    fmt::print(stderr, "warning: {} skipped input (KAVOSH_ABLATE={}): {}\n",
               options_.indexer.string(), options_.ablate, read_tail(command.log, 600));
  }
}

Run KavoshSystem::search(const std::vector<Query>& queries, std::size_t depth) {
  if (options_.ablate.empty()) {
    return search_kavosh(index_dir_, queries, depth);
  }
  const std::string stem = "search-" + std::to_string(++searches_);
  const fs::path query_file = work_dir_ / (stem + ".tsv");
  const fs::path run_file = work_dir_ / (stem + ".run");
  write_queries(query_file, queries);
  Command command;
  command.args = {self_executable().string(),
                  "search-kavosh",
                  "--index",
                  index_dir_.string(),
                  "--queries",
                  query_file.string(),
                  "--out",
                  run_file.string(),
                  "--depth",
                  std::to_string(depth)};
  command.env = env();
  command.log = work_dir_ / (stem + ".log");
  const int status = run_command(command);
  if (status != 0) {
    throw std::runtime_error("search-kavosh (KAVOSH_ABLATE=" + options_.ablate + ") exited with " +
                             std::to_string(status) + ": " + read_tail(command.log, 600));
  }
  return read_run(run_file);
}

}  // namespace

std::unique_ptr<System> make_kavosh(const KavoshOptions& options) {
  return std::make_unique<KavoshSystem>(options);
}

Run search_kavosh(const fs::path& index_dir, const std::vector<Query>& queries, std::size_t depth) {
  try {
    const Searcher searcher = Searcher::open(index_dir);
    SearchOptions options;
    options.limit = depth;
    options.snippets = false;
    // The judgments name every passage, and some data sets hold the same
    // passage under several ids: shown one per cluster, the judged copy
    // could hide behind another. Ranking is measured uncollapsed.
    options.collapse = false;
    // An ablated run is searched in a child with KAVOSH_ABLATE set (main.cc);
    // the index-side features come from the index itself.
    if (const char* ablate = std::getenv("KAVOSH_ABLATE")) {
      options.ablate = ablate;
    }
    Run run;
    for (const Query& query : queries) {
      Results results;
      try {
        results = searcher.search(query.text, options);
      } catch (const Error& e) {
        if (e.code() != Error::kBadQuery) {
          throw;
        }
        continue;  // e.g. punctuation only: no results
      }
      Ranking& ranking = run[query.id];
      for (Hit& hit : results.hits) {
        ranking.push_back(std::move(hit.id));
      }
    }
    return run;
  } catch (const Error& e) {
    throw std::runtime_error(std::string("Kavosh: ") + e.what());
  }
}

}  // namespace kavosh::bench
