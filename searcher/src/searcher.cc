#include "kavosh/searcher.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/features.h"
#include "common/normalizer.h"
#include "common/schema.h"
#include "common/shards.h"
#include "searcher/src/article.h"
#include "searcher/src/counts.h"
#include "searcher/src/facets.h"
#include "searcher/src/filters.h"
#include "searcher/src/proximity.h"
#include "searcher/src/query_builder.h"
#include "searcher/src/query_parser.h"
#include "searcher/src/query_tree.h"
#include "searcher/src/ranking_constants.h"
#include "searcher/src/recency.h"
#include "searcher/src/snippet.h"
#include "searcher/src/suggest.h"

namespace kavosh {
namespace fs = std::filesystem;

namespace {

// Sort keys for date order: the date slot, with undated documents last
// whichever way the dates run.
class DateKey : public Xapian::KeyMaker {
 public:
  explicit DateKey(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string value = doc.get_value(schema::kDateSlot);
    if (value.empty()) {
      return newest_first_ ? std::string() : std::string(1, '\xff');
    }
    return value;
  }

 private:
  bool newest_first_;
};

// kExactCount, kSmallIndex, kRerankPool: ranking_constants.h. Totals do not
// depend on them: count_results() counts every match.

// The matches of `query` from `offset`, at most `limit`, reading at least
// `exact_count` matches, all of them in a small index.
Xapian::MSet run(const Xapian::Database& db, const Xapian::Query& query, std::size_t offset,
                 std::size_t limit, const SearchOptions& options,
                 std::size_t exact_count = kExactCount) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  if (options.collapse) {
    enquire.set_collapse_key(schema::kClusterSlot);
  }
  if (options.sort != Sort::kRelevance) {
    const bool newest = options.sort == Sort::kNewest;
    enquire.set_sort_by_key_then_relevance((new DateKey(newest))->release(), newest);
  }
  if (db.get_doccount() <= kSmallIndex) {
    exact_count = kSmallIndex;
  }
  return enquire.get_mset(static_cast<Xapian::doccount>(offset),
                          static_cast<Xapian::doccount>(limit),
                          static_cast<Xapian::doccount>(std::max(offset + limit, exact_count)));
}

// The record of a matched document; a document whose data is no record
// (written by something other than kavosh-index) is a damaged index.
schema::Record read_record(const Xapian::MSetIterator& it) {
  try {
    return schema::Record::from_data(it.get_document().get_data());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Error::kCorruption, fmt::format("document {}: {}", *it, e.what()));
  }
}

// Appends the documents of `set` to `results.hits`, ranked from `rank` + 1.
// Near-duplicate counts by docid, where a search restricted to a few
// documents cannot count them itself.
using CollapseCounts = std::unordered_map<Xapian::docid, Xapian::doccount>;

void add_hits(const Xapian::MSet& set, Xapian::doccount from, const Matcher& matcher,
              const SearchOptions& options, std::size_t& rank, Results& results,
              const CollapseCounts* collapsed = nullptr) {
  for (auto it = from < set.size() ? set[from] : set.end(); it != set.end(); ++it) {
    const schema::Record record = read_record(it);
    Hit hit = hit_of(record);
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.similar = 0;
    if (options.collapse) {
      const auto known = collapsed ? collapsed->find(*it) : CollapseCounts::const_iterator();
      hit.similar =
          collapsed && known != collapsed->end() ? known->second : it.get_collapse_count();
    }
    if (options.snippets) {
      Snippet snippet = make_snippet(record.body, matcher, options.snippet_bytes);
      hit.snippet = std::move(snippet.text);
      hit.snippet_highlights = std::move(snippet.highlights);
      hit.title_highlights = highlight(hit.title, matcher);
    }
    results.hits.push_back(std::move(hit));
  }
}

// Opens one database. kavosh-index swaps a compacted copy in with one
// atomic rename, but a reader opening the database file by file at that
// instant may see parts of both: it tries again, a few times, before the
// error stands.
Xapian::Database open_xapian(const std::string& path) {
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    try {
      return Xapian::Database(path);
    } catch (const Xapian::DatabaseError&) {  // modified, opening, corrupt...
      if (attempt == kAttempts) {
        throw;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

struct FoundDocument {
  Xapian::docid docid;
  std::string id;       // its external id
  std::string cluster;  // its near-duplicate cluster
};

// The document `id` names (an id, or a place as results print it); a
// kNotFound error located at `option` (the option or call that named it:
// "more_like", "document", "similar") if there is none.
FoundDocument find_document(const Xapian::Database& db, std::string_view id, const char* option) {
  const std::optional<Xapian::docid> docid = locate_document(db, id);
  if (!docid) {
    throw Error(Error::kNotFound, fmt::format("no document with id or place \"{}\"", id),
                Location{option});
  }
  const Xapian::Document doc = db.get_document(*docid);
  std::string own_id = std::string(id);
  try {
    own_id = schema::Record::from_data(doc.get_data()).id;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Error::kCorruption, fmt::format("document {}: {}", *docid, e.what()));
  }
  return {*docid, std::move(own_id), doc.get_value(schema::kClusterSlot)};
}

}  // namespace

struct Searcher::Impl {
  fs::path dir;  // the first shard, for messages
  std::vector<std::string> xapian_paths;
  // The features the index was built with (schema::kMetaFeatures).
  Features index_features;

  // What a call with `options` analyzes and ranks with: the index's own
  // analysis, and the ranking features SearchOptions::ablate leaves on.
  Features features_for(const SearchOptions& options) const {
    return with_index_side(ablate(options.ablate), index_features);
  }

  // Which database each path holds now: kavosh-index swaps a compacted copy
  // in by renaming directories, so the inode tells one copy from the next.
  using Identity = std::vector<ino_t>;
  Identity identity() const {
    Identity out;
    for (const std::string& path : xapian_paths) {
      struct stat st {};
      out.push_back(::stat(path.c_str(), &st) == 0 ? st.st_ino : 0);
    }
    return out;
  }

  struct Handle {
    std::unique_ptr<Xapian::Database> db;
    Identity identity;  // of the copies it was opened on
  };

  // All shards as one database: Xapian merges their statistics, so scores
  // are those of a single index of the same documents.
  Handle open_database() const {
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
      Handle handle{std::make_unique<Xapian::Database>(), identity()};
      for (const std::string& path : xapian_paths) {
        handle.db->add_database(open_xapian(path));
      }
      // A copy swapped in while the shards were being opened: again.
      if (identity() == handle.identity || attempt == kAttempts) {
        return handle;
      }
    }
  }

  mutable std::mutex mutex;
  mutable std::vector<Handle> pool;

  void drop_handles() const {
    std::lock_guard lock(mutex);
    pool.clear();
  }

  // A database handle for one thread's use, up to date with the last commit
  // and opened on the copies in place now: handles of a copy that has been
  // replaced are dropped.
  class Lease {
   public:
    explicit Lease(const Impl& impl) : impl_(impl) {
      const Identity now = impl.identity();
      {
        std::lock_guard lock(impl.mutex);
        if (!impl.pool.empty() && impl.pool.back().identity != now) {
          impl.pool.clear();
        }
        if (!impl.pool.empty()) {
          handle_ = std::move(impl.pool.back());
          impl.pool.pop_back();
        }
      }
      if (handle_.db) {
        handle_.db->reopen();
      } else {
        handle_ = impl.open_database();
      }
    }
    ~Lease() {
      std::lock_guard lock(impl_.mutex);
      if (impl_.pool.empty() || impl_.pool.back().identity == handle_.identity) {
        impl_.pool.push_back(std::move(handle_));
      }
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Xapian::Database& db() { return *handle_.db; }

   private:
    const Impl& impl_;
    Handle handle_;
  };

  Results search(std::string_view query, const SearchOptions& options) const;

  // Runs `fn`, and again if a writer replaced what it read: after a commit
  // the lease reopens its handle (DatabaseModifiedError); when a compaction
  // swapped in a new copy during the search, what was read may mix blocks
  // of both copies, whether or not Xapian noticed (a corrupt-looking block,
  // a short read, or silently wrong counts), so the search runs again on
  // the new copy. An error that persists through every attempt is real.
  // Turns Xapian's errors into kavosh::Error.
  template <typename Fn>
  auto guarded(Fn fn) const -> decltype(fn()) {
    constexpr int kAttempts = 4;
    try {
      for (int attempt = 1;; ++attempt) {
        const Identity before = identity();
        try {
          auto results = fn();
          if (identity() == before || attempt == kAttempts) {
            return results;
          }
        } catch (const Xapian::DatabaseModifiedError&) {
          if (attempt == kAttempts) {
            throw;
          }
        } catch (const Xapian::DatabaseError&) {
          if (attempt == kAttempts) {
            throw;
          }
          drop_handles();
        }
      }
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw Error(Error::kCorruption, e.get_description(), Location{dir.string()});
    } catch (const Xapian::Error& e) {
      throw Error(Error::kIo, e.get_description(), Location{dir.string()});
    } catch (const Error& e) {
      if (e.code() == Error::kCorruption && e.location().where.empty()) {
        throw Error(e.code(), e.what(), Location{dir.string()});
      }
      throw;
    }
  }
  Results more_like(std::string_view id, const SearchOptions& options) const;
  Results similar(std::string_view id, const SearchOptions& options) const;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

namespace {

// Checks one shard: a Kavosh index of this schema and analyzer version.
// Returns the path Xapian opens: the database directory, or a stub file
// listing remote shards (xapian-tcpsrv).
std::string check_shard(const fs::path& dir) {
  std::error_code ec;
  std::string path;
  if (fs::is_regular_file(dir, ec)) {
    path = dir.string();  // a Xapian stub file: "remote ..." lines
  } else if (!fs::is_directory(dir, ec)) {
    throw Error(Error::kNotAnIndex, "no such index directory", Location{dir.string()});
  } else if (!fs::is_directory(dir / schema::kXapianDir, ec)) {
    throw Error(Error::kNotAnIndex, "not a Kavosh index (run kavosh-index first)",
                Location{dir.string()});
  } else {
    path = (dir / schema::kXapianDir).string();
  }
  try {
    const Xapian::Database db = open_xapian(path);
    const std::string schema_version = db.get_metadata(std::string(schema::kMetaSchema));
    const std::string analyzer_version = db.get_metadata(std::string(schema::kMetaAnalyzer));
    if (schema_version.empty()) {
      throw Error(Error::kNotAnIndex, "not a Kavosh index", Location{dir.string()});
    }
    if (schema_version != std::to_string(schema::kSchemaVersion) ||
        analyzer_version != std::to_string(kAnalyzerVersion)) {
      throw Error(
          Error::kIncompatibleIndex,
          fmt::format("index built with schema {} and analyzer {}, this version uses "
                      "schema {} and analyzer {}: rebuild it with kavosh-index",
                      schema_version, analyzer_version, schema::kSchemaVersion, kAnalyzerVersion),
          Location{dir.string()});
    }
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(Error::kCorruption, e.get_description(), Location{dir.string()});
  } catch (const Xapian::Error& e) {
    throw Error(Error::kNotAnIndex, e.get_description(), Location{dir.string()});
  }
  return path;
}

}  // namespace

Searcher Searcher::open(const fs::path& dir) { return open(std::vector<fs::path>{dir}); }

Searcher Searcher::open(std::initializer_list<fs::path> shards) {
  return open(std::vector<fs::path>(shards));
}

Searcher Searcher::open(const std::vector<fs::path>& shards) {
  if (shards.empty()) {
    throw Error(Error::kNotAnIndex, "no index given");
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = shards.front();
  for (const fs::path& shard : shards) {
    // A sharded index (kavosh-index --shards N) stands for its shards.
    std::optional<std::vector<fs::path>> parts;
    try {
      parts = shards::read_manifest(shard);
    } catch (const Error& e) {
      throw Error(Error::kNotAnIndex, e.what(), Location{shard.string()});
    }
    for (const fs::path& part : parts ? *parts : std::vector<fs::path>{shard}) {
      impl->xapian_paths.push_back(check_shard(part));
    }
  }
  try {
    impl->pool.push_back(impl->open_database());
    impl->index_features =
        ablate(impl->pool.back().db->get_metadata(std::string(schema::kMetaFeatures)));
  } catch (const Xapian::Error& e) {
    throw Error(Error::kNotAnIndex, e.get_description(), Location{impl->dir.string()});
  }
  return Searcher(std::move(impl));
}

std::uint64_t Searcher::document_count() const {
  return impl_->guarded([&] {
    Impl::Lease lease(*impl_);
    return static_cast<std::uint64_t>(lease.db().get_doccount());
  });
}

namespace {

// Xapian counts documents in 32 bits: past 2^31 results is past the end of
// any index, and a limit beyond that asks for every result. Clamped, the
// page's end (offset + limit) fits Xapian's count too.
SearchOptions within_xapian(const SearchOptions& options) {
  constexpr std::size_t kMost = std::numeric_limits<Xapian::doccount>::max() / 2;
  SearchOptions out = options;
  out.limit = std::min(out.limit, kMost);
  out.offset = std::min(out.offset, kMost);
  return out;
}

}  // namespace

Results Searcher::search(std::string_view query, const SearchOptions& options) const {
  const Features features = impl_->features_for(options);
  const FeaturesScope scope(features);
  return impl_->guarded([&] { return impl_->search(query, within_xapian(options)); });
}

Results Searcher::more_like(std::string_view id, const SearchOptions& options) const {
  const Features features = impl_->features_for(options);
  const FeaturesScope scope(features);
  return impl_->guarded([&] { return impl_->more_like(id, within_xapian(options)); });
}

Results Searcher::Impl::more_like(std::string_view id, const SearchOptions& options) const {
  // Xapian's relevance feedback: the terms that best tell this document
  // apart from the collection, searched for together.
  const auto started = std::chrono::steady_clock::now();
  Lease lease(*this);
  Xapian::Database& db = lease.db();
  const auto [docid, own_id, cluster] = find_document(db, id, "more_like");
  const std::string id_term = schema::id_term(own_id);
  Xapian::RSet rset;
  rset.add_document(docid);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(id_term));
  // Only words: not ids, sources or stems.
  struct WordsOnly : Xapian::ExpandDecider {
    bool operator()(const std::string& term) const override {
      return !term.empty() && !schema::is_prefixed(term) && term.size() > 2;
    }
  } words_only;
  const Xapian::ESet eset = enquire.get_eset(kMoreLikeTerms, rset, &words_only);
  std::vector<Xapian::Query> terms;
  std::unordered_set<std::string> matched;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it);
    matched.insert(*it);
  }
  Results results;
  results.query = std::string(id);
  if (terms.empty()) {
    return results;
  }
  ParsedQuery no_query;
  const Xapian::Query query =
      filtered(Xapian::Query(Xapian::Query::OP_AND_NOT,
                             Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                             // Not the document itself, nor its near-duplicates.
                             Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id_term),
                                           Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                                                         schema::kClusterSlot, cluster, cluster))),
               filter_query(no_query, options));
  const Xapian::MSet set = run(db, query, options.offset, options.limit, options);
  results.total = count_results(db, query, options.collapse);
  const std::unordered_set<std::string> no_stems;
  std::size_t rank = options.offset;
  add_hits(set, 0, Matcher{matched, no_stems}, options, rank, results);
  results.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return results;
}

ArticleView Searcher::document(std::string_view id, std::string_view query) const {
  const Features features = impl_->features_for({});
  const FeaturesScope scope(features);
  return impl_->guarded([&] {
    Impl::Lease lease(*impl_);
    return read_article(lease.db(), find_document(lease.db(), id, "document").docid, query);
  });
}

Results Searcher::similar(std::string_view id, const SearchOptions& options) const {
  const Features features = impl_->features_for(options);
  const FeaturesScope scope(features);
  return impl_->guarded([&] { return impl_->similar(id, within_xapian(options)); });
}

Results Searcher::Impl::similar(std::string_view id, const SearchOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  Lease lease(*this);
  Xapian::Database& db = lease.db();
  const std::string cluster = find_document(db, id, "similar").cluster;
  SearchOptions all = options;
  all.collapse = false;
  ParsedQuery no_query;
  const Xapian::Query query =
      filtered(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kClusterSlot, cluster, cluster),
               filter_query(no_query, options));
  const Xapian::MSet set = run(db, query, all.offset, all.limit, all);
  Results results;
  results.query = std::string(id);
  results.total = count_results(db, query, false);
  const std::unordered_set<std::string> none;
  std::size_t rank = all.offset;
  add_hits(set, 0, Matcher{none, none}, all, rank, results);
  results.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return results;
}

namespace {

// A query longer than the tiers take, of rare words that stand together in
// only a few documents (at most kFeedbackDocuments), names an article the
// reader remembers (a person and a place, a rare phrase): those documents
// rank first, as a two-word query's would, and feedback leaves them alone.
// Topic queries keep BM25's order (tiers cost them 0.02 nDCG@10).
void adopt_rare_tiers(BuiltQuery& built, const Xapian::Database& db, const Xapian::Query& filter) {
  if (built.rare_first.empty()) {
    return;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(built.rare_first, filter));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet all = enquire.get_mset(0, 0, kFeedbackDocuments + 1);
  const Xapian::doccount n = all.get_matches_upper_bound();
  if (n >= 1 && n <= kFeedbackDocuments) {
    built.first = std::move(built.rare_first);
    built.second = std::move(built.rare_second);
    built.tiered = true;
  }
}

Results search_parsed(Xapian::Database& db, std::string_view query, const ParsedQuery& parsed,
                      const SearchOptions& options) {
  const std::vector<Filter> filters = filters_of(parsed, options);
  const Xapian::Query filter = all_of(filters);
  BuiltQuery built = parsed.tree.empty() ? build_query(parsed.clauses, db) : build_tree(parsed, db);
  adopt_rare_tiers(built, db, filter);
  // Remembered text: documents where the words stand together rank first
  // (an optional boost: which documents match does not change).
  const Proximity near = parsed.tree.empty() ? proximity(parsed.clauses, db) : Proximity{};
  if (!near.boost.empty()) {
    built.first = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.first, near.boost);
    if (built.tiered) {
      built.second = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.second, near.boost);
    }
  }
  // Every document the words match, in either tier.
  const Xapian::Query words =
      built.tiered ? Xapian::Query(Xapian::Query::OP_OR, built.first, built.second) : built.first;
  // Date order lists the documents of both tiers together: it changes the
  // order, not which documents match.
  if (options.sort != Sort::kRelevance && built.tiered) {
    built.first = words;
    built.second = Xapian::Query();
    built.tiered = false;
  }
  built.first = filtered(built.first, filter);
  if (built.tiered) {
    built.second = filtered(built.second, filter);
  }
  const Xapian::Query first_tier = built.first;  // for counts and facets: before any restriction
  const Xapian::Query second_tier = built.second;
  // Exact, and needed exact: the page that crosses into the second tier
  // starts the second tier at offset - first_count.
  const std::uint64_t first_count = count_results(db, first_tier, options.collapse);
  // Feedback reads the first documents of the first tier, as the reader
  // would see them. It reorders the best kRerankPool of them: the final
  // search reads only those, by their id terms, not every posting of the
  // query's words again; the documents after them keep their order.
  // A recency boost reorders the whole tier, so it takes no pool.
  const bool recency =
      options.recency_half_life_days > 0 && options.sort == Sort::kRelevance && parsed.has_words();
  // The first tier without feedback, when it is longer than the pool.
  std::optional<Xapian::MSet> top;
  CollapseCounts collapsed;
  const bool fed_back = options.sort == Sort::kRelevance && wants_feedback(built, query);
  if (fed_back) {
    const std::size_t wanted = std::max(kRerankPool, options.offset + options.limit);
    Xapian::MSet best = run(db, built.first, 0, wanted, options);
    if (feedback_helps(near, best, built.tiered)) {
      expand_keywords(built, best, db);
    }
    if (!recency && first_count > kRerankPool) {
      std::vector<Xapian::Query> ids;
      for (auto it = best.begin(); it != best.end() && it.get_rank() < kRerankPool; ++it) {
        const Xapian::Document doc = it.get_document();
        auto term = doc.termlist_begin();
        term.skip_to(std::string(schema::kIdPrefix));
        if (term != doc.termlist_end() && (*term).rfind(schema::kIdPrefix, 0) == 0) {
          ids.emplace_back(*term);
        }
        if (options.collapse) {
          collapsed.emplace(*it, it.get_collapse_count());
        }
      }
      built.first =
          filtered(built.first, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
      top = std::move(best);
    }
  }
  const bool tiered = built.tiered;
  if (recency) {
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
  const Matcher matcher{built.terms, built.stems};
  Results results;
  results.query = std::string(query);
  if (options.describe_query) {
    results.query_description = built.first.get_description();
  }

  // The page's documents of the first tier: from the reordered pool, then
  // from the first search, whose order the documents after the pool keep.
  std::vector<std::pair<Xapian::MSet, Xapian::doccount>> parts;  // a set, and its first item used
  std::size_t first_hits = 0;
  if (top) {
    if (options.offset < kRerankPool) {
      const std::size_t to = std::min(options.offset + options.limit, kRerankPool);
      parts.emplace_back(run(db, built.first, options.offset, to - options.offset, options, 0), 0);
      first_hits += parts.back().first.size();
    }
    const std::size_t from = std::max(options.offset, kRerankPool);
    if (top->size() > from) {
      parts.emplace_back(*top, static_cast<Xapian::doccount>(from));
      first_hits += top->size() - from;
    }
  } else {
    const Xapian::MSet first =
        run(db, built.first, options.offset, options.limit, options, fed_back ? 0 : kExactCount);
    first_hits = first.size();
    parts.emplace_back(first, 0);
  }
  std::size_t rank = options.offset;
  if (tiered) {
    const std::size_t remaining = options.limit - std::min<std::size_t>(first_hits, options.limit);
    const std::size_t second_offset =
        options.offset > first_count ? options.offset - first_count : 0;
    const Xapian::MSet second =
        run(db, built.second, second_offset, remaining, options, remaining > 0 ? kExactCount : 0);
    parts.emplace_back(second, 0);
  }
  results.total = first_count + (tiered ? count_results(db, second_tier, options.collapse) : 0);
  for (const auto& [set, from] : parts) {
    add_hits(set, from, matcher, options, rank, results, collapsed.empty() ? nullptr : &collapsed);
  }
  if (options.facets) {
    results.facets = count_facets(
        db, tiered ? Xapian::Query(Xapian::Query::OP_OR, first_tier, second_tier) : first_tier);
  }
  // Few results, or none with every word: some word may be misspelled.
  const bool no_full_match = tiered && first_hits == 0 && options.offset == 0;
  if (parsed.has_words() && (results.total < options.suggest_below || no_full_match)) {
    results.suggestion = suggest(parsed.clauses, db);
  }
  count_undated(db, words, filters, options, results);
  if (results.total == 0) {
    explain_empty(db, words, filters, source_names(parsed, options), results);
  }
  return results;
}

}  // namespace

Results Searcher::Impl::search(std::string_view query, const SearchOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  const ParsedQuery parsed = parse_query(query);
  // Without words, the query stands for every document that passes the
  // filters: to browse by date or source, or to see the facets.
  parsed.require_words_or(!options.sources.empty() || !options.date_from.empty() ||
                          !options.date_to.empty() || options.sort != Sort::kRelevance ||
                          options.facets);
  Lease lease(*this);
  Xapian::Database& db = lease.db();
  Results results = search_parsed(db, query, parsed, options);
  // Nothing, and a correction of the words of a short query: search the
  // correction, with the query's exclusions and filters.
  std::size_t words = 0;
  for (const QueryClause& clause : parsed.clauses) {
    words += clause.tokens.size();
  }
  if (results.total == 0 && !results.suggestion.empty() && !options.exact && parsed.tree.empty() &&
      words <= kMaxCorrectedWords) {
    ParsedQuery corrected = parse_query(results.suggestion);
    for (const QueryClause& clause : parsed.clauses) {
      if (clause.excluded) {
        corrected.clauses.push_back(clause);
      }
    }
    corrected.sources = parsed.sources;
    corrected.dates = parsed.dates;
    corrected.date_fields = parsed.date_fields;
    Results second = search_parsed(db, results.suggestion, corrected, options);
    if (second.total > 0) {
      second.corrected_from = std::string(query);
      second.suggestion.clear();
      results = std::move(second);
    }
  }
  results.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return results;
}

}  // namespace kavosh
