#include "bench/relevance/runner.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "bench/relevance/documents.h"
#include "bench/relevance/rewrites.h"

namespace kavosh::bench {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::mutex g_log_mutex;

template <typename... Args>
void log(fmt::format_string<Args...> format, Args&&... args) {
  const std::string line = fmt::format(format, std::forward<Args>(args)...);
  const std::lock_guard lock(g_log_mutex);
  std::fprintf(stderr, "%s\n", line.c_str());
}

// "03-Kavosh-marks" for the fourth system, "Kavosh −marks".
std::string slug(std::size_t index, const std::string& name) {
  std::string out = fmt::format("{:02}", index);
  bool separated = false;
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!plain) {
      separated = true;
      continue;
    }
    if (separated || out.size() == 2) {
      out += '-';
      separated = false;
    }
    out += c;
  }
  return out;
}

// The run of a rewritten query set. Every system is deterministic, so a
// query the rewrite left alone keeps its ranking from the original run and
// only the changed queries are searched: the same results, in less time.
Run search_rewritten(System& system, const QuerySet& original, const Run& original_run,
                     const QuerySet& set, std::size_t depth, std::size_t& searched) {
  std::vector<Query> changed;
  Run run;
  for (std::size_t i = 0; i < set.queries.size(); ++i) {
    const Query& query = set.queries[i];
    if (query.text != original.queries[i].text) {
      changed.push_back(query);
    } else if (const auto found = original_run.find(query.id); found != original_run.end()) {
      run[query.id] = found->second;
    }
  }
  if (!changed.empty()) {
    Run searched_run = system.search(changed, depth);
    for (auto& [qid, ranking] : searched_run) {
      run[qid] = std::move(ranking);
    }
  }
  searched += changed.size();
  return run;
}

SystemResult run_system(const Dataset& dataset, const std::vector<Document>& documents,
                        const NearCopies& copies, const std::vector<QuerySet>& query_sets,
                        const SystemSpec& spec, const fs::path& work_dir, std::size_t depth) {
  SystemResult result;
  result.name = spec.name;
  result.role = spec.role;
  try {
    fs::create_directories(work_dir);
    const std::unique_ptr<System> system = spec.make();
    const auto indexing = Clock::now();
    system->index(dataset, documents, work_dir);
    const double index_seconds = seconds_since(indexing);
    const auto searching = Clock::now();
    const Run original_run = system->search(query_sets.front().queries, depth);
    std::size_t searched = query_sets.front().queries.size();
    result.scores.push_back(evaluate(query_sets.front().queries, original_run, dataset.qrels));
    result.parts = error_parts(query_sets.front().queries, original_run, dataset.qrels, copies);
    for (std::size_t i = 1; i < query_sets.size(); ++i) {
      const Run run = search_rewritten(*system, query_sets.front(), original_run, query_sets[i],
                                       depth, searched);
      result.scores.push_back(evaluate(query_sets[i].queries, run, dataset.qrels));
    }
    log("[{}] {}: indexed in {:.1f} s, {} queries in {:.1f} s", dataset.name, spec.name,
        index_seconds, searched, seconds_since(searching));
  } catch (const std::exception& e) {
    result.scores.clear();
    result.error = e.what();
    log("[{}] {}: FAILED: {}", dataset.name, spec.name, result.error);
  }
  return result;
}

}  // namespace

std::vector<QuerySet> make_query_sets(const std::vector<Query>& queries) {
  std::vector<QuerySet> sets;
  sets.push_back(QuerySet{"original", queries, 0});
  for (const Rewrite& rewrite : rewrites()) {
    QuerySet set{std::string(rewrite.name), {}, 0};
    for (const Query& query : queries) {
      std::string text = rewrite.apply(query.text);
      set.changed += text != query.text ? 1 : 0;
      set.queries.push_back(Query{query.id, std::move(text)});
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

DatasetResult run_dataset(const Dataset& dataset, const std::vector<SystemSpec>& specs,
                          const RunnerOptions& options) {
  const auto reading = Clock::now();
  const std::vector<Document> documents = read_documents(dataset.docs);
  DatasetResult result;
  result.name = dataset.name;
  result.documents = documents.size();
  std::unordered_set<std::string> ids;
  for (const Document& doc : documents) {
    ids.insert(doc.id);
  }
  std::unordered_set<std::string> judged;
  for (const auto& [qid, relevant] : dataset.qrels) {
    result.judged += relevant.size();
    for (const std::string& doc : relevant) {
      result.judged_missing += ids.contains(doc) ? 0 : 1;
      judged.insert(doc);
    }
  }
  const NearCopies copies = near_copies(documents, judged);
  result.judged_copied = copies.size();
  for (const Query& query : dataset.queries) {
    result.queries += dataset.qrels.contains(query.id) ? 1 : 0;
  }
  result.query_sets = make_query_sets(dataset.queries);
  log("[{}] {} documents read in {:.1f} s; {} queries x {} query sets; {} systems, {} at once",
      dataset.name, documents.size(), seconds_since(reading), dataset.queries.size(),
      result.query_sets.size(), specs.size(), options.jobs);
  if (result.judged_missing > 0) {
    log("[{}] warning: {} judged documents are not in {}", dataset.name, result.judged_missing,
        dataset.docs.string());
  }

  const fs::path work_dir = options.work_dir / dataset.name;
  result.systems.resize(specs.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < specs.size();) {
      result.systems[i] = run_system(dataset, documents, copies, result.query_sets, specs[i],
                                     work_dir / slug(i, specs[i].name), options.depth);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < std::max<std::size_t>(1, options.jobs); ++t) {
    threads.emplace_back(worker);
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  if (!options.keep_work) {
    std::error_code ignored;
    fs::remove_all(work_dir, ignored);
  }
  return result;
}

}  // namespace kavosh::bench
