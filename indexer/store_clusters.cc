// IndexStore's near-duplicate clusters: each document joins the cluster of
// its most similar indexed document, in this store or in a peer shard.
#include <fmt/format.h>

#include <string>
#include <unordered_set>

#include "common/schema.h"
#include "indexer/index_store.h"
#include "indexer/near_dup.h"
#include "indexer/store_error.h"

namespace kavosh {
namespace fs = std::filesystem;

void IndexStore::best_cluster_in(Xapian::Database& db, const Xapian::Document& doc, double& best,
                                 std::string& cluster) {
  // At most this many candidates per band are compared: a band shared by
  // very many documents carries little evidence. A document indexed again
  // finds its own earlier version and keeps its cluster.
  constexpr int kMaxPerBand = 64;
  const auto signature = Signature::unserialise(doc.get_value(schema::kSignatureSlot));
  if (!signature) {
    return;
  }
  std::unordered_set<Xapian::docid> seen;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!schema::is_band_term(term)) {
      continue;
    }
    int n = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && n < kMaxPerBand;
         ++p, ++n) {
      if (!seen.insert(*p).second) {
        continue;
      }
      const Xapian::Document other = db.get_document(*p);
      const auto theirs = Signature::unserialise(other.get_value(schema::kSignatureSlot));
      if (!theirs) {
        continue;
      }
      const double similarity = signature->similarity(*theirs);
      std::string label = other.get_value(schema::kClusterSlot);
      if (similarity >= best && !label.empty()) {
        best = similarity;
        cluster = std::move(label);
      }
    }
  }
}

std::string IndexStore::cluster_of(const Xapian::Document& doc, const std::string& own) {
  std::string cluster;
  double best = kDuplicateThreshold;
  best_cluster_in(xapian_, doc, best, cluster);
  for (SharedPeer* shared : peers_) {
    const std::lock_guard lock(shared->mutex);
    Xapian::Database& peer = shared->db;
    // The peer's writer may have committed twice since the last reopen.
    try {
      best_cluster_in(peer, doc, best, cluster);
    } catch (const Xapian::DatabaseModifiedError&) {
      try {
        peer.reopen();
        best_cluster_in(peer, doc, best, cluster);
      } catch (const Xapian::Error&) {
        // Left out this time: join_peer_clusters() looks again.
      }
    }
  }
  return cluster.empty() ? own : cluster;
}

std::size_t IndexStore::join_peer_clusters() {
  std::size_t moved = 0;
  try {
    for (SharedPeer* peer : peers_) {
      const std::lock_guard lock(peer->mutex);
      peer->db.reopen();
    }
    for (const auto& [label, docids] : new_clusters_) {
      Xapian::Document first;
      try {
        first = xapian_.get_document(docids.front());
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // removed since
      }
      if (first.get_value(schema::kClusterSlot) != label) {
        continue;
      }
      std::string cluster;
      double best = kDuplicateThreshold;
      for (SharedPeer* peer : peers_) {
        const std::lock_guard lock(peer->mutex);
        best_cluster_in(peer->db, first, best, cluster);
      }
      if (cluster.empty() || cluster >= label) {
        continue;
      }
      for (const Xapian::docid docid : docids) {
        try {
          Xapian::Document doc = xapian_.get_document(docid);
          if (doc.get_value(schema::kClusterSlot) == label) {
            doc.add_value(schema::kClusterSlot, cluster);
            xapian_.replace_document(docid, doc);
            ++moved;
            ++pending_;
          }
        } catch (const Xapian::DocNotFoundError&) {
        }
      }
    }
  } catch (...) {
    rethrow_as_index_error(dir_, "cannot write to the index");
  }
  new_clusters_.clear();
  return moved;
}

IndexStore::SharedPeer::SharedPeer(const fs::path& dir) {
  try {
    db = Xapian::Database((dir / schema::kXapianDir).string());
  } catch (const Xapian::Error& e) {
    throw Error(Error::kIo,
                fmt::format("{}: cannot open shard: {}", dir.string(), e.get_description()));
  }
}

}  // namespace kavosh
