// The version of this library and of the index format it reads.
#ifndef KAVOSH_VERSION_H_
#define KAVOSH_VERSION_H_

#include "kavosh/export.h"

namespace kavosh {

// The library's release, "MAJOR.MINOR.PATCH" ("0.1.0"); the programs'
// --version prints it. A static string, never null.
KAVOSH_EXPORT const char* version() noexcept;

// The version of the index format: the schema of stored documents and the
// analyzer that made the terms. Searcher::open accepts an index only when
// both equal those it was built with, so every open index has this version.
struct IndexVersion {
  int schema = 0;
  int analyzer = 0;
};

KAVOSH_EXPORT IndexVersion index_version() noexcept;

}  // namespace kavosh

#endif  // KAVOSH_VERSION_H_
