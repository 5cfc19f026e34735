// kavosh-bench-relevance: compares Kavosh's ranking with its ablations and
// with other engines on Persian test collections, and prints Markdown tables.
//
// Exit status: 0 done; 1 done, but some system failed on some data set (the
// tables say which); 2 error (bad arguments, unreadable data set).
//
// The hidden subcommand `search-kavosh` runs queries against a Kavosh index
// in a fresh process, with the KAVOSH_ABLATE it inherits (read by
// search_kavosh(), which passes it to the library as SearchOptions::ablate).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "bench/relevance/dataset.h"
#include "bench/relevance/known_items.h"
#include "bench/relevance/report.h"
#include "bench/relevance/runner.h"
#include "bench/relevance/systems.h"

namespace {

namespace fs = std::filesystem;
using namespace kavosh::bench;

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) {
      items.push_back(list.substr(start, comma - start));
    }
    start = comma + 1;
  }
  return items;
}

std::vector<SystemSpec> make_specs(const fs::path& indexer,
                                   const std::vector<std::string>& ablate) {
  std::vector<SystemSpec> specs;
  specs.push_back({"Kavosh", Role::kKavosh, [indexer] { return make_kavosh({indexer, ""}); }});
  // "a+b" turns off a and b together: "Kavosh −a −b".
  for (const std::string& item : ablate) {
    std::string name = "Kavosh −" + item;
    std::string features = item;
    for (std::size_t plus; (plus = name.find('+')) != std::string::npos;) {
      name.replace(plus, 1, " −");
    }
    std::replace(features.begin(), features.end(), '+', ',');
    specs.push_back({name, Role::kAblation, [indexer, features] {
                       return make_kavosh({indexer, features});
                     }});
  }
  specs.push_back({"SQLite FTS5", Role::kPeer, make_fts5});
  specs.push_back({"Xapian plain", Role::kPeer, make_xapian_plain});
  specs.push_back({"Lucene++ Persian", Role::kPeer, make_lucene_persian});
  return specs;
}

int search_kavosh_main(const fs::path& index, const fs::path& queries, const fs::path& out,
                       std::size_t depth) {
  write_run(out, search_kavosh(index, read_queries(queries), depth), "kavosh");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Relevance benchmark: Kavosh, its ablations, SQLite FTS5, plain Xapian and "
      "Lucene++ on Persian test collections",
      "kavosh-bench-relevance"};
  std::string corpora = KAVOSH_BENCH_CORPORA;
  std::vector<std::string> only;
  std::string indexer = KAVOSH_INDEX_BIN;
  std::string ablate =
      "letters,digits,marks,zwnj,orthography,stem,stopwords,tiers,feedback,proximity,feedback_gate";
  std::string out_file;
  std::string work_dir;
  bool keep_work = false;
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
  std::size_t depth = 100;
  std::size_t known_items = 100;
  std::uint64_t seed = 16;
  app.add_option("--corpora", corpora,
                 "Folder of data sets (subfolders with docs.jsonl[.gz], queries.tsv, qrels.txt)")
      ->capture_default_str();
  app.add_option("--dataset", only, "Run only this data set (repeatable)");
  app.add_option("--known-items", known_items,
                 "Queries per generated known-item set (farsnews-fragments, ...); 0: none")
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed of the known-item sets")->capture_default_str();
  std::string write_sets;
  app.add_option(
      "--write-sets", write_sets,
      "Write each known-item set's queries.tsv and qrels.txt under this folder, and exit");
  app.add_option("--kavosh-index", indexer, "The kavosh-index executable")->capture_default_str();
  app.add_option("--ablate", ablate,
                 "Features to turn off one at a time (comma-separated; a+b: both at once)")
      ->capture_default_str();
  app.add_option("--out", out_file, "Also write the Markdown tables to this file");
  app.add_option("--work-dir", work_dir, "Scratch folder for indexes (default: a new temp folder)");
  app.add_flag("--keep-work", keep_work, "Keep indexes and run files in the scratch folder");
  app.add_option("--jobs,-j", jobs, "Systems run at once")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  std::string index;
  std::string queries;
  std::string run_out;
  CLI::App* search = app.add_subcommand("search-kavosh", "")->group("");
  search->add_option("--index", index)->required();
  search->add_option("--queries", queries)->required();
  search->add_option("--out", run_out)->required();
  search->add_option("--depth", depth);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "kavosh-bench-relevance: error: {}\n", e.what());
    return 2;
  }

  try {
    if (search->parsed()) {
      return search_kavosh_main(index, queries, run_out, depth);
    }
    // Kavosh as shipped is searched in this process: no inherited ablation
    // may reach it (ablated runs set their own in their children).
    unsetenv("KAVOSH_ABLATE");

    RunnerOptions options;
    options.jobs = jobs;
    options.depth = depth;
    options.keep_work = keep_work;
    const bool own_work_dir = work_dir.empty();
    if (own_work_dir) {
      std::string pattern = (fs::temp_directory_path() / "kavosh-bench-XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("cannot create a temporary folder");
      }
      work_dir = pattern;
    }
    options.work_dir = fs::absolute(work_dir);

    // The judged sets, then the generated known-item sets.
    std::vector<Dataset> known = known_item_datasets(corpora, only, known_items, seed);
    std::vector<std::string> judged_only;
    for (const std::string& name : only) {
      if (std::none_of(known.begin(), known.end(),
                       [&](const Dataset& d) { return d.name == name; })) {
        judged_only.push_back(name);
      }
    }
    if (!write_sets.empty()) {
      for (const Dataset& d : known) {
        write_known_items(fs::path(write_sets) / d.name, d);
      }
      return 0;
    }
    std::vector<Dataset> datasets;
    if (only.empty() || !judged_only.empty()) {
      datasets = find_datasets(corpora, judged_only);
    }
    std::move(known.begin(), known.end(), std::back_inserter(datasets));
    if (datasets.empty()) {
      throw std::runtime_error(corpora + ": no data set with queries.tsv and qrels.txt");
    }
    const std::vector<SystemSpec> specs = make_specs(indexer, split_list(ablate));
    std::vector<DatasetResult> results;
    bool failed = false;
    for (const Dataset& dataset : datasets) {
      results.push_back(run_dataset(dataset, specs, options));
      for (const SystemResult& system : results.back().systems) {
        failed = failed || !system.error.empty();
      }
    }
    if (keep_work) {
      fmt::print(stderr, "scratch files kept in {}\n", options.work_dir.string());
    } else if (own_work_dir) {
      fs::remove_all(options.work_dir);
    }

    const std::string report = markdown_report(results);
    fmt::print("{}", report);
    if (!out_file.empty()) {
      std::ofstream out(out_file);
      out << report;
      out.close();
      if (!out) {
        throw std::runtime_error(out_file + ": cannot write");
      }
    }
    return failed ? 1 : 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kavosh-bench-relevance: error: {}\n", e.what());
    return 2;
  }
}
