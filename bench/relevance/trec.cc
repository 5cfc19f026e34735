#include "bench/relevance/trec.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace kavosh::bench {
namespace {

std::ifstream open_input(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error(path.string() + ": cannot open");
  }
  return in;
}

std::string where(const std::filesystem::path& path, std::size_t line) {
  return path.string() + ":" + std::to_string(line);
}

}  // namespace

Qrels read_qrels(const std::filesystem::path& path) {
  std::ifstream in = open_input(path);
  Qrels qrels;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    std::string qid;
    std::string iteration;
    std::string doc;
    int relevance = 0;
    if (!(fields >> qid)) {
      continue;  // blank line
    }
    if (!(fields >> iteration >> doc >> relevance)) {
      throw std::runtime_error(where(path, n) + ": expected \"qid iteration docid relevance\"");
    }
    if (relevance > 0) {
      qrels[qid].insert(doc);
    }
  }
  return qrels;
}

void write_run(const std::filesystem::path& path, const Run& run, std::string_view tag) {
  std::ofstream out(path);
  for (const auto& [qid, ranking] : run) {
    for (std::size_t i = 0; i < ranking.size(); ++i) {
      const std::string& doc = ranking[i];
      if (doc.empty() || doc.find_first_of(" \t\r\n") != std::string::npos) {
        throw std::runtime_error(path.string() + ": document id \"" + doc +
                                 "\" cannot be written in a TREC run");
      }
      out << qid << " Q0 " << doc << ' ' << i + 1 << ' ' << -static_cast<long>(i + 1) << ' ' << tag
          << '\n';
    }
  }
  out.close();
  if (!out) {
    throw std::runtime_error(path.string() + ": cannot write");
  }
}

Run read_run(const std::filesystem::path& path) {
  std::ifstream in = open_input(path);
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::string>>> ranked;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    std::string qid;
    std::string q0;
    std::string doc;
    std::size_t rank = 0;
    if (!(fields >> qid)) {
      continue;
    }
    if (!(fields >> q0 >> doc >> rank)) {
      throw std::runtime_error(where(path, n) + ": expected \"qid Q0 docid rank score tag\"");
    }
    ranked[qid].emplace_back(rank, std::move(doc));
  }
  Run run;
  for (auto& [qid, docs] : ranked) {
    std::stable_sort(docs.begin(), docs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Ranking& ranking = run[qid];
    for (auto& entry : docs) {
      ranking.push_back(std::move(entry.second));
    }
  }
  return run;
}

}  // namespace kavosh::bench
