#include "bench/speed/report.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <thread>

#include "bench/speed/measure.h"

namespace kavosh::bench {

namespace {

constexpr double kMB = 1e6;

std::string first_value(const char* file, std::string_view key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      const std::size_t colon = line.find(':');
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      return value;
    }
  }
  return "unknown";
}

double median_of(const std::vector<IndexMeasure>& runs,
                 const std::function<double(const IndexMeasure&)>& field) {
  std::vector<double> values;
  for (const IndexMeasure& run : runs) {
    values.push_back(field(run));
  }
  return median(values);
}

double median_of(const std::vector<LatencyMeasure>& runs,
                 const std::function<double(const LatencyMeasure&)>& field) {
  std::vector<double> values;
  for (const LatencyMeasure& run : runs) {
    values.push_back(field(run));
  }
  return median(values);
}

struct IndexSummary {
  double docs_per_second = 0;
  double mb_per_second = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  double peak_rss_mb = 0;
  double size_mb = 0;
  double size_ratio = 0;
};

IndexSummary summarize(const CollectionResult& c, const SystemResult& s) {
  IndexSummary out;
  out.seconds = median_of(s.index_runs, [](const IndexMeasure& m) { return m.seconds; });
  out.cpu_seconds = median_of(s.index_runs, [](const IndexMeasure& m) { return m.cpu_seconds; });
  out.docs_per_second = out.seconds > 0 ? static_cast<double>(c.stats.docs) / out.seconds : 0;
  out.mb_per_second =
      out.seconds > 0 ? static_cast<double>(c.stats.text_bytes) / kMB / out.seconds : 0;
  out.peak_rss_mb =
      median_of(s.index_runs,
                [](const IndexMeasure& m) { return static_cast<double>(m.peak_rss); }) /
      kMB;
  const double size =
      median_of(s.index_runs, [](const IndexMeasure& m) { return static_cast<double>(m.size); });
  out.size_mb = size / kMB;
  out.size_ratio = c.stats.text_bytes > 0 ? size / static_cast<double>(c.stats.text_bytes) : 0;
  return out;
}

const SystemResult* find(const CollectionResult& c, std::string_view name) {
  for (const SystemResult& s : c.systems) {
    if (s.name == name) {
      return &s;
    }
  }
  return nullptr;
}

std::string ratio(double a, double b) { return b > 0 ? fmt::format("{:.2f}×", a / b) : "–"; }

}  // namespace

std::string machine_description() {
  const std::string memory = first_value("/proc/meminfo", "MemTotal");
  return fmt::format("{} cores ({}), {} RAM; Xapian {}, SQLite {}",
                     std::thread::hardware_concurrency(),
                     first_value("/proc/cpuinfo", "model name"), memory, Xapian::version_string(),
                     sqlite3_libversion());
}

std::string markdown_report(const std::vector<CollectionResult>& results,
                            const RunOptions& options) {
  std::string out;
  for (const CollectionResult& c : results) {
    out += fmt::format("#### {}: {} documents, {:.1f} MB of text\n\n", c.name, c.stats.docs,
                       static_cast<double>(c.stats.text_bytes) / kMB);
    out += fmt::format(
        "Indexing (median of {} runs; size/text = index bytes on disk ÷ bytes of "
        "title and body text):\n\n",
        options.runs);
    out += "| system | docs/s | MB/s | wall s | CPU s | peak RSS MB | index MB | size/text |\n";
    out += "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const SystemResult& s : c.systems) {
      const IndexSummary m = summarize(c, s);
      out += fmt::format("| {} | {:.0f} | {:.2f} | {:.1f} | {:.1f} | {:.0f} | {:.1f} | {:.2f} |\n",
                         s.name, m.docs_per_second, m.mb_per_second, m.seconds, m.cpu_seconds,
                         m.peak_rss_mb, m.size_mb, m.size_ratio);
      if (s.compacted_size) {
        const double size = static_cast<double>(*s.compacted_size);
        out += fmt::format("| {} after xapian-compact | | | | | | {:.1f} | {:.2f} |\n", s.name,
                           size / kMB, size / static_cast<double>(c.stats.text_bytes));
      }
    }
    out +=
        "\nQuery latency in ms (first 10 hits with snippets; median over runs of each run's "
        "percentile; queries/s over all kinds):\n\n";
    out += "| system | queries | threads | p50 | p95 | p99 | hits/query | queries/s |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const SystemResult& s : c.systems) {
      for (const auto& [kind, by_threads] : s.latency) {
        for (const auto& [threads, runs] : by_threads) {
          const auto m = [&](double LatencyMeasure::*field) {
            return median_of(runs, [field](const LatencyMeasure& l) { return l.*field; });
          };
          out += fmt::format("| {} | {} ({}) | {} | {:.2f} | {:.2f} | {:.2f} | {:.1f} | {:.0f} |\n",
                             s.name, kind, c.queries.at(kind), threads, m(&LatencyMeasure::p50),
                             m(&LatencyMeasure::p95), m(&LatencyMeasure::p99),
                             m(&LatencyMeasure::hits), m(&LatencyMeasure::qps));
        }
      }
    }
    const SystemResult* kavosh = find(c, "Kavosh");
    const bool peers = std::any_of(c.systems.begin(), c.systems.end(), [&](const SystemResult& s) {
      return &s != kavosh && s.queried;
    });
    if (kavosh != nullptr && peers) {
      out +=
          "\nKavosh against the others (indexing speed and size: medians; latency: p95 of "
          "two-word queries, 1 thread):\n\n";
      out += "| Kavosh ÷ | docs/s | index size | peak RSS | p95 two-word |\n";
      out += "|---|---:|---:|---:|---:|\n";
      const IndexSummary k = summarize(c, *kavosh);
      const auto p95 = [](const SystemResult& s) {
        const auto kind = s.latency.find("two-word");
        if (kind == s.latency.end() || kind->second.empty()) {
          return 0.0;
        }
        return median_of(kind->second.begin()->second,
                         [](const LatencyMeasure& l) { return l.p95; });
      };
      for (const SystemResult& s : c.systems) {
        if (&s == kavosh || !s.queried) {
          continue;
        }
        const IndexSummary o = summarize(c, s);
        out += fmt::format("| {} | {} | {} | {} | {} |\n", s.name,
                           ratio(k.docs_per_second, o.docs_per_second), ratio(k.size_mb, o.size_mb),
                           ratio(k.peak_rss_mb, o.peak_rss_mb), ratio(p95(*kavosh), p95(s)));
      }
    }
    out += '\n';
  }
  if (results.size() > 1) {
    out += "#### Growth with collection size\n\n";
    out +=
        "| system | collection | docs | docs/s | MB/s | peak RSS MB | size/text | p95 two-word "
        "ms, 1 thread | p95 two-word ms, most threads |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (std::size_t s = 0; s < results.front().systems.size(); ++s) {
      for (const CollectionResult& c : results) {
        const SystemResult& system = c.systems[s];
        const IndexSummary m = summarize(c, system);
        std::string first = "–";
        std::string last = "–";
        if (const auto kind = system.latency.find("two-word"); kind != system.latency.end()) {
          const auto p95 = [](const std::vector<LatencyMeasure>& runs) {
            return fmt::format("{:.2f}",
                               median_of(runs, [](const LatencyMeasure& l) { return l.p95; }));
          };
          first = p95(kind->second.begin()->second);
          last = p95(kind->second.rbegin()->second);
        }
        out += fmt::format("| {} | {} | {} | {:.0f} | {:.2f} | {:.0f} | {:.2f} | {} | {} |\n",
                           system.name, c.name, c.stats.docs, m.docs_per_second, m.mb_per_second,
                           m.peak_rss_mb, m.size_ratio, first, last);
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace kavosh::bench
