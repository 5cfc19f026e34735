// The speed benchmark's results as Markdown tables: medians over the runs.
#ifndef KAVOSH_BENCH_SPEED_REPORT_H_
#define KAVOSH_BENCH_SPEED_REPORT_H_

#include <string>
#include <vector>

#include "bench/speed/runner.h"

namespace kavosh::bench {

// The machine, for the record: cores, CPU model, memory, library versions.
std::string machine_description();

std::string markdown_report(const std::vector<CollectionResult>& results,
                            const RunOptions& options);

}  // namespace kavosh::bench

#endif  // KAVOSH_BENCH_SPEED_REPORT_H_
