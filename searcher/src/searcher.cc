#include "kavosh/searcher.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <unordered_set>

#include "common/features.h"
#include "common/normalizer.h"
#include "common/schema.h"
#include "common/shards.h"
#include "searcher/src/article.h"
#include "searcher/src/counts.h"
#include "searcher/src/filters.h"
#include "searcher/src/handles.h"
#include "searcher/src/hits.h"
#include "searcher/src/query_parser.h"
#include "searcher/src/ranked_search.h"
#include "searcher/src/ranking_constants.h"

namespace kavosh {
namespace fs = std::filesystem;

struct Searcher::Impl {
  Impl(std::vector<std::string> paths, fs::path first_shard)
      : dir(std::move(first_shard)), handles(std::move(paths), dir) {}

  fs::path dir;  // the first shard, for messages
  Handles handles;
  // The features the index was built with (schema::kMetaFeatures).
  Features index_features;

  // What a call with `options` analyzes and ranks with: the index's own
  // analysis, and the ranking features SearchOptions::ablate leaves on.
  Features features_for(const SearchOptions& options) const {
    return with_index_side(ablate(options.ablate), index_features);
  }

  Results search(std::string_view query, const SearchOptions& options) const;
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
  std::vector<std::string> paths;
  for (const fs::path& shard : shards) {
    // A sharded index (kavosh-index --shards N) stands for its shards.
    std::optional<std::vector<fs::path>> parts;
    try {
      parts = shards::read_manifest(shard);
    } catch (const Error& e) {
      throw Error(Error::kNotAnIndex, e.what(), Location{shard.string()});
    }
    for (const fs::path& part : parts ? *parts : std::vector<fs::path>{shard}) {
      paths.push_back(check_shard(part));
    }
  }
  auto impl = std::make_unique<Impl>(std::move(paths), shards.front());
  try {
    impl->index_features = ablate(impl->handles.prime(std::string(schema::kMetaFeatures)));
  } catch (const Xapian::Error& e) {
    throw Error(Error::kNotAnIndex, e.get_description(), Location{impl->dir.string()});
  }
  return Searcher(std::move(impl));
}

std::uint64_t Searcher::document_count() const {
  return impl_->handles.guarded([&] {
    Handles::Lease lease(impl_->handles);
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
  return impl_->handles.guarded([&] { return impl_->search(query, within_xapian(options)); });
}

Results Searcher::more_like(std::string_view id, const SearchOptions& options) const {
  const Features features = impl_->features_for(options);
  const FeaturesScope scope(features);
  return impl_->handles.guarded([&] { return impl_->more_like(id, within_xapian(options)); });
}

Results Searcher::Impl::more_like(std::string_view id, const SearchOptions& options) const {
  // Xapian's relevance feedback: the terms that best tell this document
  // apart from the collection, searched for together.
  const auto started = std::chrono::steady_clock::now();
  Handles::Lease lease(handles);
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
  return impl_->handles.guarded([&] {
    Handles::Lease lease(impl_->handles);
    return read_article(lease.db(), find_document(lease.db(), id, "document").docid, query);
  });
}

Results Searcher::similar(std::string_view id, const SearchOptions& options) const {
  const Features features = impl_->features_for(options);
  const FeaturesScope scope(features);
  return impl_->handles.guarded([&] { return impl_->similar(id, within_xapian(options)); });
}

Results Searcher::Impl::similar(std::string_view id, const SearchOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  Handles::Lease lease(handles);
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

Results Searcher::Impl::search(std::string_view query, const SearchOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  const ParsedQuery parsed = parse_query(query);
  // Without words, the query stands for every document that passes the
  // filters: to browse by date or source, or to see the facets.
  parsed.require_words_or(!options.sources.empty() || !options.date_from.empty() ||
                          !options.date_to.empty() || options.sort != Sort::kRelevance ||
                          options.facets);
  Handles::Lease lease(handles);
  Xapian::Database& db = lease.db();
  Results results = ranked_search(db, query, parsed, options, handles.local());
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
    Results second = ranked_search(db, results.suggestion, corrected, options, handles.local());
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
