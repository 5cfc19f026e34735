#include "indexer/root_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace kavosh {

CorpusRoot resolve_root(const CorpusRoot& folder, bool has_files, Stores& stores,
                        IndexSummary& summary) {
  std::vector<CorpusRoot> roots;
  try {
    roots = stores.empty() ? roots : parse_roots(stores.front()->roots());
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  std::optional<CorpusRoot> root = match_root(roots, folder);
  if (!root) {
    root = new_root(roots, folder, [&](const std::string& label) {
      return std::any_of(stores.begin(), stores.end(),
                         [&](const auto& store) { return store->has_top_level(label); });
    });
    // An index made before roots were recorded: its documents are root 0's.
    summary.new_root = !(roots.empty() && std::any_of(stores.begin(), stores.end(), [](auto& s) {
                           return s->document_count() > 0;
                         }));
    if (!has_files) {
      // An empty folder adds nothing: recording it would only add a root.
      summary.root_path = root->path;
      summary.root_label = root->label;
      return *root;
    }
    roots.push_back(*root);
  } else if (root->path != folder.path || root->inode != folder.inode) {
    // Moved, renamed or restored: the record follows the folder.
    for (CorpusRoot& r : roots) {
      if (r.number == root->number) {
        r.path = folder.path;
        r.device = folder.device;
        r.inode = folder.inode;
      }
    }
    root->path = folder.path;
  }
  summary.root_path = root->path;
  summary.root_label = root->label;
  summary.other_roots = roots.size() - 1;
  const std::string record = serialise_roots(roots);
  for (const auto& store : stores) {
    store->set_root(root->number);
    summary.root_documents += store->documents_of_root(root->number);
    if (store->roots() != record) {
      store->set_roots(record);
    }
  }
  return *root;
}

std::uint64_t remove_root(const std::filesystem::path& index, const std::string& name) {
  if (!index_exists(index)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: no Kavosh index here", index.string()));
  }
  Stores stores;
  for (const auto& part : index_parts(index, 0)) {
    stores.push_back(IndexStore::open(part));
  }
  std::vector<CorpusRoot> roots;
  try {
    roots = parse_roots(stores.front()->roots());
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  const std::optional<CorpusRoot> root = find_root(roots, name);
  if (!root) {
    throw Error(Error::kNotFound,
                fmt::format("{}: no corpus root \"{}\" (kavosh-index --roots lists them)",
                            index.string(), name));
  }
  std::erase_if(roots, [&](const CorpusRoot& r) { return r.number == root->number; });
  std::uint64_t removed = 0;
  for (const auto& store : stores) {
    store->for_each_document(root->number,
                             [&](Xapian::docid docid, const std::string&, const std::string&) {
                               store->remove(docid);
                               ++removed;
                               if (store->pending() >= 2000) {
                                 store->commit();
                               }
                             });
    store->set_root(root->number);
    store->for_each_file(root->number, [&](const std::string& path) { store->forget_file(path); });
    store->set_roots(serialise_roots(roots));
    store->commit();
  }
  return removed;
}

std::vector<RootInfo> list_roots(const std::filesystem::path& index) {
  if (!index_exists(index)) {
    throw Error(Error::kNotAnIndex, fmt::format("{}: no Kavosh index here", index.string()));
  }
  std::vector<RootInfo> infos;
  Stores stores;
  for (const auto& part : index_parts(index, 0)) {
    stores.push_back(IndexStore::open(part));
  }
  try {
    for (const CorpusRoot& root : parse_roots(stores.front()->roots())) {
      RootInfo info{root.path, root.label, 0};
      for (const auto& store : stores) {
        info.documents += store->documents_of_root(root.number);
      }
      infos.push_back(std::move(info));
    }
  } catch (const std::runtime_error& e) {
    throw Error(Error::kCorruption, e.what());
  }
  return infos;
}

}  // namespace kavosh
