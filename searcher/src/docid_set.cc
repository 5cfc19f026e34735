#include "searcher/src/docid_set.h"

#include <algorithm>
#include <string>
#include <utility>

namespace kavosh {
namespace {

// Walks a sorted list of document ids.
class DocidSource : public Xapian::PostingSource {
 public:
  explicit DocidSource(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {}

  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }

  void init(const Xapian::Database& /*db*/) override {
    at_ = 0;
    started_ = false;
  }

  void next(double /*min_wt*/) override {
    if (started_) {
      ++at_;
    }
    started_ = true;
  }

  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    started_ = true;
    at_ = static_cast<std::size_t>(
        std::lower_bound(ids_.begin() + static_cast<std::ptrdiff_t>(at_), ids_.end(), did) -
        ids_.begin());
  }

  bool at_end() const override { return started_ && at_ >= ids_.size(); }
  Xapian::docid get_docid() const override { return ids_[at_]; }
  DocidSource* clone() const override { return new DocidSource(ids_); }
  std::string get_description() const override {
    return "kavosh:pool of " + std::to_string(ids_.size()) + " documents";
  }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(ids_.size()); }

  std::vector<Xapian::docid> ids_;  // sorted, unique
  std::size_t at_ = 0;
  bool started_ = false;
};

}  // namespace

Xapian::Query documents_by_docid(std::vector<Xapian::docid> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto* source = new DocidSource(std::move(ids));
  return Xapian::Query(source->release());
}

}  // namespace kavosh
