#include "searcher/src/ranked_search.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/features.h"
#include "common/schema.h"
#include "searcher/src/counts.h"
#include "searcher/src/docid_set.h"
#include "searcher/src/facets.h"
#include "searcher/src/feedback.h"
#include "searcher/src/filters.h"
#include "searcher/src/hits.h"
#include "searcher/src/page.h"
#include "searcher/src/proximity.h"
#include "searcher/src/query_builder.h"
#include "searcher/src/query_tree.h"
#include "searcher/src/ranking_constants.h"
#include "searcher/src/recency.h"
#include "searcher/src/suggest.h"

namespace kavosh {
namespace {

// Whether 1 to kFeedbackDocuments documents that pass `filter` match `q`
// (counted exactly: Xapian reads on to kFeedbackDocuments + 1).
bool few_documents(const Xapian::Database& db, const Xapian::Query& q,
                   const Xapian::Query& filter) {
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(q, filter));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet all = enquire.get_mset(0, 0, kFeedbackDocuments + 1);
  const Xapian::doccount n = all.get_matches_upper_bound();
  return n >= 1 && n <= kFeedbackDocuments;
}

// A query longer than the tiers take, of rare words that stand together in
// only a few documents (at most kFeedbackDocuments), names an article the
// reader remembers (a person and a place, a rare phrase): those documents
// rank first, as a two-word query's would, and feedback leaves them alone.
// Topic queries keep BM25's order (tiers cost them 0.02 nDCG@10).
void adopt_rare_tiers(BuiltQuery& built, const Xapian::Database& db, const Xapian::Query& filter) {
  if (built.rare_first.empty() || !few_documents(db, built.rare_first, filter)) {
    return;
  }
  built.first = std::move(built.rare_first);
  built.second = std::move(built.rare_second);
  built.tiered = true;
}

// Rare words that only a few documents hold as the reader typed them
// ("ندادند", not only its stem's other forms; "حجت", not "حجت‌الاسلام"):
// those documents rank first, above the others that hold every word in
// some other form, as a plain engine that matches the typed form alone
// would find them. The rest follow in their own order.
void adopt_typed_tier(BuiltQuery& built, const Xapian::Database& db, const Xapian::Query& filter) {
  if (built.typed_all.empty() || !features().typed_tier ||
      !few_documents(db, built.typed_all, filter)) {
    return;
  }
  const Xapian::Query every =
      built.tiered ? Xapian::Query(Xapian::Query::OP_OR, built.first, built.second) : built.first;
  built.first = Xapian::Query(Xapian::Query::OP_FILTER, every, built.typed_all);
  built.second = Xapian::Query(Xapian::Query::OP_AND_NOT, every, built.typed_all);
  built.tiered = true;
}

// The query of one search as it is ranked.
struct Plan {
  BuiltQuery built;  // its tiers filtered, and boosted where the words stand together
  Proximity near;
  std::vector<Filter> filters;
  // Every document the words match, in either tier, before the filters.
  Xapian::Query words;
  // The filtered tiers before feedback or recency: what is counted.
  Xapian::Query first_tier;
  Xapian::Query second_tier;
};

Plan plan_search(const Xapian::Database& db, const ParsedQuery& parsed,
                 const SearchOptions& options) {
  Plan plan;
  plan.filters = filters_of(parsed, options);
  const Xapian::Query filter = all_of(plan.filters);
  BuiltQuery& built = plan.built;
  built = parsed.tree.empty() ? build_query(parsed.clauses, db) : build_tree(parsed, db);
  adopt_rare_tiers(built, db, filter);
  adopt_typed_tier(built, db, filter);
  // Remembered text: documents where the words stand together rank first
  // (an optional boost: which documents match does not change).
  plan.near = parsed.tree.empty() ? proximity(parsed.clauses, db) : Proximity{};
  if (!plan.near.boost.empty()) {
    built.first = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.first, plan.near.boost);
    if (built.tiered) {
      built.second = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.second, plan.near.boost);
    }
  }
  plan.words =
      built.tiered ? Xapian::Query(Xapian::Query::OP_OR, built.first, built.second) : built.first;
  // Date order lists the documents of both tiers together: it changes the
  // order, not which documents match.
  if (options.sort != Sort::kRelevance && built.tiered) {
    built.first = plan.words;
    built.second = Xapian::Query();
    built.tiered = false;
  }
  built.first = filtered(built.first, filter);
  if (built.tiered) {
    built.second = filtered(built.second, filter);
  }
  plan.first_tier = built.first;
  plan.second_tier = built.second;
  return plan;
}

// What feedback did to the first tier.
struct Feedback {
  bool ran = false;
  // The first tier's ranking before feedback, when feedback re-ranked only
  // its best kRerankPool documents: the page's documents after the pool
  // come from it, in its order.
  std::optional<Xapian::MSet> before;
  CollapseCounts collapsed;  // near-duplicate counts of the pool's documents
};

// The documents of `best` up to rank kRerankPool, as a query: by their
// Xapian ids in a database of one local shard (opening each document's
// term list to find its id term took a fifth of a one-word query's time on
// Hamshahri), by their id terms otherwise.
Xapian::Query pool_of(const Xapian::Database& db, const Xapian::MSet& best, bool local) {
  if (local && db.size() == 1) {
    std::vector<Xapian::docid> docids;
    for (auto it = best.begin(); it != best.end() && it.get_rank() < kRerankPool; ++it) {
      docids.push_back(*it);
    }
    return documents_by_docid(std::move(docids));
  }
  std::vector<Xapian::Query> ids;
  for (auto it = best.begin(); it != best.end() && it.get_rank() < kRerankPool; ++it) {
    const Xapian::Document doc = it.get_document();
    auto term = doc.termlist_begin();
    term.skip_to(std::string(schema::kIdPrefix));
    if (term != doc.termlist_end() && (*term).rfind(schema::kIdPrefix, 0) == 0) {
      ids.emplace_back(*term);
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// Feedback reads the first documents of the first tier, as the reader
// would see them. It reorders the best kRerankPool of them: the final
// search reads only those, not every posting of the query's words again;
// the documents after them keep their order. A recency boost reorders the
// whole tier, so it takes no pool.
Feedback feed_back(const Xapian::Database& db, std::string_view query, Plan& plan,
                   std::uint64_t first_count, bool recency, const Page& page,
                   const SearchOptions& options, bool local) {
  Feedback feedback;
  BuiltQuery& built = plan.built;
  feedback.ran = options.sort == Sort::kRelevance && wants_feedback(built, query);
  if (!feedback.ran) {
    return feedback;
  }
  Xapian::MSet best = run(db, built.first, 0, page.wanted(kRerankPool), options);
  if (feedback_helps(plan.near, best, built.tiered)) {
    expand_keywords(built, best, db);
  }
  if (recency || first_count <= kRerankPool) {
    return feedback;
  }
  if (options.collapse) {
    for (auto it = best.begin(); it != best.end() && it.get_rank() < kRerankPool; ++it) {
      feedback.collapsed.emplace(*it, it.get_collapse_count());
    }
  }
  built.first = filtered(built.first, pool_of(db, best, local));
  feedback.before = std::move(best);
  return feedback;
}

// Newer documents rank higher, by a weight that halves every
// options.recency_half_life_days, up to kRecencyBoost of the best match's.
void boost_recency(const Xapian::Database& db, BuiltQuery& built, const SearchOptions& options) {
  const Xapian::MSet best = run(db, built.first, 0, 1, options);
  const double top_weight = best.empty() ? 1.0 : best.get_max_attained();
  const double newest = Xapian::sortable_unserialise(db.get_value_upper_bound(schema::kDateSlot));
  const auto boost = [&](const Xapian::Query& q) {
    auto* source =
        new RecencyBoost(kRecencyBoost * top_weight, options.recency_half_life_days, newest);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(source->release()));
  };
  built.first = boost(built.first);
  if (built.tiered) {
    built.second = boost(built.second);
  }
}

// A ranking's documents on the page: a set, and its first item used.
using Parts = std::vector<std::pair<Xapian::MSet, Xapian::doccount>>;

// The page's documents of the first tier: from the re-ranked pool, then
// from the search that chose it, whose order the documents after the pool
// keep; or from the first tier's own ranking.
Parts first_tier_page(const Xapian::Database& db, const Plan& plan, const Feedback& feedback,
                      Page& page, const SearchOptions& options) {
  Parts parts;
  const Xapian::Query& first = plan.built.first;
  if (feedback.before) {
    if (const Span pool = page.in_pool(kRerankPool); pool.count > 0) {
      parts.emplace_back(run(db, first, pool.offset, pool.count, options, 0), 0);
      page.took_first(parts.back().first.size());
    }
    const std::size_t from = page.after_pool(kRerankPool);
    if (feedback.before->size() > from) {
      parts.emplace_back(*feedback.before, static_cast<Xapian::doccount>(from));
      page.took_first(feedback.before->size() - from);
    }
  } else {
    parts.emplace_back(
        run(db, first, page.offset(), page.limit(), options, feedback.ran ? 0 : kExactCount), 0);
    page.took_first(parts.back().first.size());
  }
  return parts;
}

}  // namespace

Results ranked_search(Xapian::Database& db, std::string_view query, const ParsedQuery& parsed,
                      const SearchOptions& options, bool local) {
  Plan plan = plan_search(db, parsed, options);
  // Exact, and needed exact: the page that crosses into the second tier
  // starts the second tier at offset - first_count.
  const std::uint64_t first_count = count_results(db, plan.first_tier, options.collapse);
  const bool recency =
      options.recency_half_life_days > 0 && options.sort == Sort::kRelevance && parsed.has_words();
  Page page(options.offset, options.limit);
  const Feedback feedback = feed_back(db, query, plan, first_count, recency, page, options, local);
  const bool tiered = plan.built.tiered;
  if (recency) {
    boost_recency(db, plan.built, options);
  }
  const Matcher matcher{plan.built.terms, plan.built.stems};
  Results results;
  results.query = std::string(query);
  if (options.describe_query) {
    results.query_description = plan.built.first.get_description();
  }

  Parts parts = first_tier_page(db, plan, feedback, page, options);
  if (tiered) {
    const Span second = page.second_tier(first_count);
    parts.emplace_back(run(db, plan.built.second, second.offset, second.count, options,
                           second.count > 0 ? kExactCount : 0),
                       0);
  }
  results.total =
      first_count + (tiered ? count_results(db, plan.second_tier, options.collapse) : 0);
  std::size_t rank = options.offset;
  for (const auto& [set, from] : parts) {
    add_hits(set, from, matcher, options, rank, results,
             feedback.collapsed.empty() ? nullptr : &feedback.collapsed);
  }
  if (options.facets) {
    results.facets = count_facets(
        db, tiered ? Xapian::Query(Xapian::Query::OP_OR, plan.first_tier, plan.second_tier)
                   : plan.first_tier);
  }
  // Few results, or none with every word: some word may be misspelled.
  const bool no_full_match = tiered && page.first_hits() == 0 && options.offset == 0;
  if (parsed.has_words() && (results.total < options.suggest_below || no_full_match)) {
    results.suggestion = suggest(parsed.clauses, db);
  }
  count_undated(db, plan.words, plan.filters, options, results);
  if (results.total == 0) {
    explain_empty(db, plan.words, plan.filters, source_names(parsed, options), results);
  }
  return results;
}

}  // namespace kavosh
