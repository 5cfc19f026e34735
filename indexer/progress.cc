#include "indexer/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace kavosh {

Progress::Progress(bool enabled, std::uint64_t total_bytes)
    : enabled_(enabled), total_(static_cast<double>(std::max<std::uint64_t>(total_bytes, 1))) {}

void Progress::update(std::uint64_t done_bytes, std::uint64_t documents, bool final) {
  if (!enabled_) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200) && !final) {
    return;
  }
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double fraction = std::min(1.0, static_cast<double>(done_bytes) / total_);
  std::string eta = "--";
  if (fraction > 0.001 && elapsed > 1) {
    const auto left = static_cast<long long>(elapsed / fraction - elapsed);
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  }
  fmt::print(stderr, "\r\033[K{:5.1f}%  {:.0f} MB of {:.0f} MB  {} documents  {:.0f}/s  ETA {}",
             100 * fraction, static_cast<double>(done_bytes) / 1e6, total_ / 1e6, documents,
             elapsed > 0 ? static_cast<double>(documents) / elapsed : 0.0, eta);
  std::fflush(stderr);
}

Progress::~Progress() {
  if (enabled_) {
    std::fputs("\r\033[K", stderr);
  }
}

}  // namespace kavosh
