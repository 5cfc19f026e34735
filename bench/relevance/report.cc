#include "bench/relevance/report.h"

#include <fmt/format.h>

#include <optional>

namespace kavosh::bench {
namespace {

const SystemResult* find_role(const DatasetResult& result, Role role) {
  for (const SystemResult& system : result.systems) {
    if (system.role == role && !system.scores.empty()) {
      return &system;
    }
  }
  return nullptr;
}

// The peer with the highest nDCG@10 on the original queries.
const SystemResult* best_peer(const DatasetResult& result) {
  const SystemResult* best = nullptr;
  for (const SystemResult& system : result.systems) {
    if (system.role == Role::kPeer && !system.scores.empty() &&
        (best == nullptr || system.scores[0].ndcg_at_10 > best->scores[0].ndcg_at_10)) {
      best = &system;
    }
  }
  return best;
}

std::optional<double> error_ratio(const SystemResult& kavosh, const SystemResult& peer) {
  const double peer_error = 1 - peer.scores[0].ndcg_at_10;
  if (peer_error <= 0) {
    return std::nullopt;
  }
  return (1 - kavosh.scores[0].ndcg_at_10) / peer_error;
}

std::string relative_change(double value, double base) {
  if (base <= 0) {
    return "n/a";
  }
  return fmt::format("{:+.1f}%", 100 * (value - base) / base);
}

void effectiveness_table(const DatasetResult& result, std::string& out) {
  out += "| system | MRR@10 | nDCG@10 | R@100 |\n|---|---:|---:|---:|\n";
  for (const SystemResult& system : result.systems) {
    if (system.scores.empty()) {
      out += fmt::format("| {} | failed | failed | failed |\n", system.name);
      continue;
    }
    const Scores& s = system.scores[0];
    out += fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} |\n", system.name, s.mrr_at_10,
                       s.ndcg_at_10, s.recall_at_100);
  }
}

void robustness_table(const DatasetResult& result, std::string& out) {
  out += "| system |";
  std::string rule = "|---|";
  for (const QuerySet& set : result.query_sets) {
    out += fmt::format(" {} |", set.name);
    rule += "---:|";
  }
  out += " mean change |\n" + rule + "---:|\n| queries changed |";
  for (const QuerySet& set : result.query_sets) {
    out +=
        fmt::format(" {} |", &set == &result.query_sets.front() ? set.queries.size() : set.changed);
  }
  out += " |\n";
  for (const SystemResult& system : result.systems) {
    out += fmt::format("| {} |", system.name);
    if (system.scores.empty()) {
      for (std::size_t i = 0; i <= result.query_sets.size(); ++i) {
        out += " failed |";
      }
      out += "\n";
      continue;
    }
    const double base = system.scores[0].ndcg_at_10;
    double change_sum = 0;
    for (std::size_t i = 0; i < system.scores.size(); ++i) {
      const double ndcg = system.scores[i].ndcg_at_10;
      if (i == 0) {
        out += fmt::format(" {:.3f} |", ndcg);
        continue;
      }
      out += fmt::format(" {:.3f} ({}) |", ndcg, relative_change(ndcg, base));
      change_sum += base > 0 ? (ndcg - base) / base : 0;
    }
    const auto rewrites = static_cast<double>(system.scores.size() - 1);
    out += base > 0 && rewrites > 0 ? fmt::format(" {:+.1f}% |\n", 100 * change_sum / rewrites)
                                    : " n/a |\n";
  }
}

void error_ratio_line(const DatasetResult& result, std::string& out) {
  const SystemResult* kavosh = find_role(result, Role::kKavosh);
  const SystemResult* peer = best_peer(result);
  if (kavosh == nullptr || peer == nullptr) {
    out += "Error ratio: n/a (Kavosh or every peer failed).\n";
    return;
  }
  const std::optional<double> ratio = error_ratio(*kavosh, *peer);
  out += fmt::format(
      "Error ratio (1 − nDCG@10 of Kavosh) / (1 − nDCG@10 of the best peer, {}): "
      "{:.3f} / {:.3f} = **{}**\n",
      peer->name, 1 - kavosh->scores[0].ndcg_at_10, 1 - peer->scores[0].ndcg_at_10,
      ratio ? fmt::format("{:.2f}", *ratio) : "n/a");
}

// Where the nDCG@10 error of Kavosh and of each peer lies (error_parts()).
void error_parts_table(const DatasetResult& result, std::string& out) {
  out += fmt::format(
      "{} judged documents have a near-copy in the data set (90% of the word 3-grams of the "
      "shorter text in the other).\n\n"
      "| system | 1 − nDCG@10 | no judged document in the top 100 | a copy of a judged text "
      "above it | judged documents below others |\n|---|---:|---:|---:|---:|\n",
      result.judged_copied);
  for (const SystemResult& system : result.systems) {
    if (system.role == Role::kAblation || system.scores.empty()) {
      continue;
    }
    const ErrorParts& p = system.parts;
    out += fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} |\n", system.name,
                       1 - system.scores[0].ndcg_at_10, p.unretrieved, p.copies, p.ranking);
  }
}

void summary_table(const std::vector<DatasetResult>& results, std::string& out) {
  out +=
      "## Summary: error ratio per data set\n\n"
      "(1 − nDCG@10 of Kavosh) / (1 − nDCG@10 of the best peer); below 1: Kavosh misses "
      "less.\n\n"
      "| data set | Kavosh nDCG@10 | best peer | its nDCG@10 | error ratio |\n"
      "|---|---:|---|---:|---:|\n";
  for (const DatasetResult& result : results) {
    const SystemResult* kavosh = find_role(result, Role::kKavosh);
    const SystemResult* peer = best_peer(result);
    if (kavosh == nullptr || peer == nullptr) {
      out += fmt::format("| {} | n/a | n/a | n/a | n/a |\n", result.name);
      continue;
    }
    const std::optional<double> ratio = error_ratio(*kavosh, *peer);
    out += fmt::format("| {} | {:.3f} | {} | {:.3f} | {} |\n", result.name,
                       kavosh->scores[0].ndcg_at_10, peer->name, peer->scores[0].ndcg_at_10,
                       ratio ? fmt::format("{:.2f}", *ratio) : "n/a");
  }
}

}  // namespace

std::string markdown_report(const std::vector<DatasetResult>& results) {
  std::string out = "# Kavosh relevance benchmark\n\n";
  for (const DatasetResult& result : results) {
    out += fmt::format("## {}\n\n{} documents; {} queries with judgments; {} judged-relevant pairs",
                       result.name, result.documents, result.queries, result.judged);
    if (result.judged_missing > 0) {
      out += fmt::format(" ({} of them name documents not in the set)", result.judged_missing);
    }
    out += ".\n\n### Original queries\n\n";
    effectiveness_table(result, out);
    out += "\n";
    error_ratio_line(result, out);
    out += "\n### Where the nDCG@10 error lies (original queries)\n\n";
    error_parts_table(result, out);
    out +=
        "\n### Robustness: nDCG@10 per query rewrite (change vs. the system's original "
        "queries)\n\n";
    robustness_table(result, out);
    for (const SystemResult& system : result.systems) {
      if (!system.error.empty()) {
        out += fmt::format("\n{} failed: {}\n", system.name, system.error);
      }
    }
    out += "\n";
  }
  summary_table(results, out);
  return out;
}

}  // namespace kavosh::bench
