// The progress line kavosh-index draws on stderr while it reads a corpus.
#ifndef KAVOSH_INDEXER_PROGRESS_H_
#define KAVOSH_INDEXER_PROGRESS_H_

#include <chrono>
#include <cstdint>

namespace kavosh {

// One line on stderr, by bytes of the whole corpus read: percent,
// documents per second and time left, redrawn at most five times a second.
// Disabled, it draws nothing. The line is erased when the object goes.
class Progress {
 public:
  Progress(bool enabled, std::uint64_t total_bytes);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();

  // `final` draws the line even if the last one is less than 200 ms old.
  void update(std::uint64_t done_bytes, std::uint64_t documents, bool final = false);

 private:
  bool enabled_;
  double total_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_PROGRESS_H_
