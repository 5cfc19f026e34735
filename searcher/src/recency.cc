#include "searcher/src/recency.h"

#include <cmath>

#include "common/schema.h"

namespace kavosh {

RecencyBoost::RecencyBoost(double boost, double half_life_days, double newest)
    : Xapian::ValuePostingSource(schema::kDateSlot),
      boost_(boost),
      half_life_(half_life_days),
      newest_(newest) {
  set_maxweight(boost);
}

double RecencyBoost::get_weight() const {
  const double age = std::max(0.0, newest_ - Xapian::sortable_unserialise(get_value()));
  return boost_ * std::exp2(-age / half_life_);
}

RecencyBoost* RecencyBoost::clone() const { return new RecencyBoost(boost_, half_life_, newest_); }

}  // namespace kavosh
