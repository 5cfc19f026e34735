// The corpus roots an index was built from. A run walks one root and adds,
// updates and removes only the documents read from it, so one index can
// hold several folders ("kavosh-index new-batch --index archive" adds a
// folder; it does not replace the archive with it).
//
// Each root is recorded with its absolute path and its device and inode, so
// that a folder is recognised after a move or rename (by inode) and after a
// restore from a backup (by path). Root 0 is the first folder indexed; the
// paths and path-derived ids of its documents are relative to it, as in
// indexes made before roots were recorded. The documents of every later root
// have paths "LABEL/relative", LABEL being the folder's name (made unique),
// so that two folders with the same file names do not collide.
#ifndef KAVOSH_INDEXER_ROOTS_H_
#define KAVOSH_INDEXER_ROOTS_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kavosh {

struct CorpusRoot {
  std::uint32_t number = 0;
  std::string path;  // absolute and canonical, as of the last run over it
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::string label;  // "" for root 0; the prefix of its documents' paths else
  // The prefix of the paths of this root's documents: "" or "LABEL/".
  std::string prefix() const { return label.empty() ? std::string() : label + '/'; }
};

// The roots record as stored in the index (schema::kMetaRoots), and back.
// parse_roots() throws std::runtime_error on a damaged record.
std::string serialise_roots(const std::vector<CorpusRoot>& roots);
std::vector<CorpusRoot> parse_roots(const std::string& record);

// The identity of a folder: its canonical path, device and inode. Throws
// std::runtime_error naming `dir` if it cannot be resolved.
CorpusRoot identify_folder(const std::filesystem::path& dir);

// The recorded root that `folder` is (same device and inode, else same
// path), or nullopt.
std::optional<CorpusRoot> match_root(const std::vector<CorpusRoot>& roots,
                                     const CorpusRoot& folder);

// Finds a recorded root by its label, its path or a folder given on the
// command line.
std::optional<CorpusRoot> find_root(const std::vector<CorpusRoot>& roots, const std::string& name);

// A new root for `folder`: number 0 and no label if `roots` is empty, else
// the next number and the folder's name as label, with "-2", "-3"... added
// until neither another root's label nor `label_taken` (a top-level name in
// the index's paths) has it.
CorpusRoot new_root(const std::vector<CorpusRoot>& roots, const CorpusRoot& folder,
                    const std::function<bool(const std::string&)>& label_taken);

}  // namespace kavosh

#endif  // KAVOSH_INDEXER_ROOTS_H_
