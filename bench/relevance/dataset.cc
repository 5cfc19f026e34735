#include "bench/relevance/dataset.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace kavosh::bench {
namespace fs = std::filesystem;

std::vector<Dataset> find_datasets(const fs::path& root, const std::vector<std::string>& only) {
  std::vector<fs::path> dirs;
  for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());

  std::vector<Dataset> datasets;
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) {
      continue;
    }
    if (!fs::exists(dir / "queries.tsv") || !fs::exists(dir / "qrels.txt")) {
      continue;
    }
    Dataset dataset;
    dataset.name = name;
    for (const char* file : {"docs.jsonl", "docs.jsonl.gz"}) {
      if (fs::exists(dir / file)) {
        dataset.docs = dir / file;
        break;
      }
    }
    if (dataset.docs.empty()) {
      throw std::runtime_error(dir.string() + ": has queries but no docs.jsonl(.gz)");
    }
    dataset.queries = read_queries(dir / "queries.tsv");
    dataset.qrels = read_qrels(dir / "qrels.txt");
    datasets.push_back(std::move(dataset));
  }
  for (const std::string& name : only) {
    if (std::none_of(datasets.begin(), datasets.end(),
                     [&](const Dataset& d) { return d.name == name; })) {
      throw std::runtime_error(root.string() + ": no data set \"" + name +
                               "\" with queries.tsv, qrels.txt and docs");
    }
  }
  return datasets;
}

std::vector<Query> read_queries(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error(path.string() + ": cannot open");
  }
  std::vector<Query> queries;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty()) {
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      throw std::runtime_error(path.string() + ":" + std::to_string(n) +
                               ": expected \"qid<TAB>query\"");
    }
    queries.push_back(Query{line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

void write_queries(const fs::path& path, const std::vector<Query>& queries) {
  std::ofstream out(path);
  for (const Query& q : queries) {
    if (q.id.find_first_of("\t\n") != std::string::npos ||
        q.text.find_first_of("\t\n") != std::string::npos) {
      throw std::runtime_error(path.string() + ": query " + q.id + " holds a tab or newline");
    }
    out << q.id << '\t' << q.text << '\n';
  }
  out.close();
  if (!out) {
    throw std::runtime_error(path.string() + ": cannot write");
  }
}

}  // namespace kavosh::bench
