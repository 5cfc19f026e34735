// The benchmark's results as Markdown tables.
#ifndef KAVOSH_BENCH_RELEVANCE_REPORT_H_
#define KAVOSH_BENCH_RELEVANCE_REPORT_H_

#include <string>
#include <vector>

#include "bench/relevance/runner.h"

namespace kavosh::bench {

// Per data set: MRR@10, nDCG@10 and Recall@100 of every system on the
// original queries; nDCG@10 of every system on every rewrite, with its
// change relative to the system's own original queries; and the error ratio
// (1 - nDCG@10 of Kavosh) / (1 - nDCG@10 of the best peer). Then a summary
// of the error ratios.
std::string markdown_report(const std::vector<DatasetResult>& results);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_RELEVANCE_REPORT_H_
