// A recency boost for relevance ranking, as a Xapian posting source.
#ifndef KAVOSH_SEARCHER_RECENCY_H_
#define KAVOSH_SEARCHER_RECENCY_H_

#include <xapian.h>

namespace kavosh {

// Adds boost * 2^(-age / half_life) to each dated document, where age is the
// number of days between its date and `newest` (the newest day in the index).
class RecencyBoost : public Xapian::ValuePostingSource {
 public:
  RecencyBoost(double boost, double half_life_days, double newest);

  double get_weight() const override;
  RecencyBoost* clone() const override;
  std::string name() const override { return "kavosh::RecencyBoost"; }

 private:
  double boost_;
  double half_life_;
  double newest_;
};

}  // namespace kavosh

#endif  // KAVOSH_SEARCHER_RECENCY_H_
