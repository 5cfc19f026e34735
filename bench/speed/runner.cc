#include "bench/speed/runner.h"

#include <fmt/format.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "bench/speed/measure.h"
#include "bench/speed/systems.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

constexpr const char* kKinds[] = {"natural", "two-word", "phrase"};

std::unique_ptr<System> make_system(const std::string& slug, const RunOptions& options) {
  if (slug == "kavosh") {
    return kavosh_system(options.kavosh_index, 0);
  }
  if (slug == "kavosh-jobs1") {
    return kavosh_system(options.kavosh_index, 1);
  }
  if (slug == "kavosh-shards2") {
    return kavosh_system(options.kavosh_index, 0, 2);
  }
  if (slug == "fts5") {
    return fts5_system(options.self);
  }
  if (slug == "xapian") {
    return xapian_system(options.self);
  }
  throw std::runtime_error("unknown system " + slug);
}

std::string join(const std::vector<std::size_t>& values) {
  std::string out;
  for (const std::size_t v : values) {
    out += (out.empty() ? "" : ",") + std::to_string(v);
  }
  return out;
}

// Xapian's half of a Kavosh index, compacted as xapian-compact would, plus
// its SQLite file: what the index would take after a compaction.
std::uint64_t compacted_size(const fs::path& index, const fs::path& scratch) {
  fs::remove_all(scratch);
  Xapian::Database((index / "xapian").string())
      .compact(scratch.string(), Xapian::DBCOMPACT_NO_RENUMBER);
  const std::uint64_t size = size_on_disk(scratch) + size_on_disk(index / "metadata.sqlite");
  fs::remove_all(scratch);
  return size;
}

void read_query_results(const fs::path& file, std::size_t run, SystemResult& system) {
  std::ifstream in(file);
  const nlohmann::json json = nlohmann::json::parse(in);
  for (const auto& pass : json.at("passes")) {
    const std::size_t threads = pass.at("threads");
    const double wall = pass.at("seconds");
    std::size_t total = 0;
    for (const auto& [kind, latencies] : pass.at("latency_ms").items()) {
      total += latencies.size();
    }
    for (const auto& [kind, latencies] : pass.at("latency_ms").items()) {
      const std::vector<double> values = latencies.get<std::vector<double>>();
      LatencyMeasure measure;
      measure.p50 = percentile(values, 50);
      measure.p95 = percentile(values, 95);
      measure.p99 = percentile(values, 99);
      measure.qps = wall > 0 ? static_cast<double>(total) / wall : 0;
      const double hits = pass.at("hits").at(kind);
      measure.hits = values.empty() ? 0 : hits / static_cast<double>(values.size());
      auto& runs = system.latency[kind][threads];
      runs.resize(std::max(runs.size(), run + 1));
      runs[run] = measure;
    }
  }
}

}  // namespace

std::vector<CollectionResult> run_benchmark(const RunOptions& options) {
  const std::vector<std::string>& slugs = options.systems;
  std::vector<CollectionResult> results;
  for (const auto& [name, dir] : options.collections) {
    CollectionResult collection;
    collection.name = name;
    collection.stats = corpus_stats(dir);
    if (collection.stats.docs == 0) {
      throw std::runtime_error(dir.string() + ": no articles in *.jsonl or *.jsonl.gz files");
    }
    std::vector<std::pair<std::string, fs::path>> queries;
    for (const char* kind : kKinds) {
      const fs::path file = dir / fmt::format("queries-{}.tsv", kind);
      if (fs::exists(file)) {
        queries.emplace_back(kind, file);
      }
    }
    if (queries.empty()) {
      queries = options.queries;
    }
    for (const auto& [kind, file] : queries) {
      collection.queries[kind] = read_queries(file).size();
    }
    const fs::path work = options.work / name;
    fs::create_directories(work);
    const fs::path log = work / "log.txt";
    // Every system reads the same files: links to the *.jsonl(.gz) ones,
    // without the .txt and .json files kavosh-index would read too.
    const fs::path corpus = work / "corpus";
    fs::remove_all(corpus);
    fs::create_directories(corpus);
    const std::vector<fs::path> files = article_files(dir);
    for (std::size_t i = 0; i < files.size(); ++i) {
      fs::create_symlink(fs::absolute(files[i]),
                         corpus / fmt::format("{:05}-{}", i, files[i].filename().string()));
    }
    for (const std::string& slug : slugs) {
      SystemResult system;
      system.name = make_system(slug, options)->name();
      system.queried = slug != "kavosh-jobs1" && slug != "kavosh-shards2";
      collection.systems.push_back(std::move(system));
    }
    for (std::size_t run = 0; run < options.runs; ++run) {
      for (std::size_t s = 0; s < slugs.size(); ++s) {
        const std::unique_ptr<System> system = make_system(slugs[s], options);
        SystemResult& result = collection.systems[s];
        const fs::path index = work / slugs[s];
        fs::remove_all(index);
        fmt::print(stderr, "{} run {}/{}: indexing with {}\n", name, run + 1, options.runs,
                   result.name);
        const ChildRun indexing = run_child(system->index_command(corpus, index), log);
        // kavosh-index exits 1 when it skipped some input, which is reported.
        if (indexing.status != 0 && indexing.status != 1) {
          throw std::runtime_error(fmt::format("{} failed indexing {} (status {}); see {}",
                                               result.name, name, indexing.status, log.string()));
        }
        result.index_runs.push_back(IndexMeasure{indexing.seconds, indexing.cpu_seconds,
                                                 indexing.peak_rss, size_on_disk(index)});
        if (options.compact && run == 0 && slugs[s] == "kavosh") {
          result.compacted_size = compacted_size(index, work / "compacted");
        }
        if (!result.queried || queries.empty()) {
          fs::remove_all(index);
          continue;
        }
        fmt::print(stderr, "{} run {}/{}: querying {}\n", name, run + 1, options.runs, result.name);
        const fs::path out = work / (slugs[s] + "-queries.json");
        std::vector<std::string> command = {options.self, "query",   "--system",
                                            slugs[s],     "--index", index.string()};
        for (const auto& [kind, file] : queries) {
          command.push_back("--queries");
          command.push_back(kind + "=" + file.string());
        }
        command.insert(command.end(), {"--threads", join(options.threads), "--rounds",
                                       std::to_string(options.rounds), "--out", out.string()});
        const ChildRun querying = run_child(command, log);
        if (querying.status != 0) {
          throw std::runtime_error(fmt::format("{} failed querying {} (status {}); see {}",
                                               result.name, name, querying.status, log.string()));
        }
        result.query_peak_rss = std::max(result.query_peak_rss, querying.peak_rss);
        read_query_results(out, run, result);
        fs::remove_all(index);
      }
    }
    results.push_back(std::move(collection));
  }
  return results;
}

void run_queries(const std::string& slug, const fs::path& index,
                 const std::vector<std::pair<std::string, fs::path>>& query_files,
                 const std::vector<std::size_t>& threads, std::size_t rounds, const fs::path& out) {
  RunOptions options;  // only the slug matters for opening
  const std::unique_ptr<Engine> engine = make_system(slug, options)->open(index);
  struct Query {
    std::size_t kind;
    std::string text;
  };
  std::vector<std::string> kinds;
  std::vector<Query> queries;
  for (const auto& [kind, file] : query_files) {
    for (std::string& text : read_queries(file)) {
      queries.push_back(Query{kinds.size(), std::move(text)});
    }
    kinds.push_back(kind);
  }
  {
    const std::unique_ptr<QuerySession> session = engine->session();
    for (const Query& query : queries) {
      session->search(query.text);
    }
  }
  nlohmann::json passes = nlohmann::json::array();
  for (const std::size_t count : threads) {
    const std::size_t total = queries.size() * rounds;
    std::vector<double> latency(total);
    std::vector<std::size_t> hits(total);
    std::atomic<std::size_t> next{0};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    std::mutex failure_mutex;
    std::exception_ptr failure;  // the first thread's error, rethrown below
    for (std::size_t t = 0; t < count; ++t) {
      workers.emplace_back([&] {
        try {
          const std::unique_ptr<QuerySession> session = engine->session();
          for (std::size_t i; (i = next.fetch_add(1)) < total;) {
            const auto begin = std::chrono::steady_clock::now();
            hits[i] = session->search(queries[i % queries.size()].text);
            latency[i] =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                    .count();
          }
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) {
            failure = std::current_exception();
          }
          next.store(total);  // the others stop too
        }
      });
    }
    for (std::thread& worker : workers) {
      worker.join();
    }
    if (failure) {
      std::rethrow_exception(failure);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    nlohmann::json by_kind = nlohmann::json::object();
    nlohmann::json hits_by_kind = nlohmann::json::object();
    for (const std::string& kind : kinds) {
      by_kind[kind] = nlohmann::json::array();
      hits_by_kind[kind] = 0;
    }
    for (std::size_t i = 0; i < total; ++i) {
      const std::string& kind = kinds[queries[i % queries.size()].kind];
      by_kind[kind].push_back(latency[i]);
      hits_by_kind[kind] = hits_by_kind[kind].get<std::size_t>() + hits[i];
    }
    passes.push_back({{"threads", count},
                      {"seconds", seconds},
                      {"latency_ms", by_kind},
                      {"hits", hits_by_kind}});
  }
  std::ofstream file(out);
  file << nlohmann::json{{"system", slug}, {"passes", passes}}.dump() << '\n';
  if (!file) {
    throw std::runtime_error(out.string() + ": cannot write");
  }
}

}  // namespace kavosh::bench
