#include "kavosh/version.h"

#include "common/normalizer.h"
#include "common/schema.h"

namespace kavosh {

// KAVOSH_VERSION: the project() version of CMakeLists.txt.
const char* version() noexcept { return KAVOSH_VERSION; }

IndexVersion index_version() noexcept { return {schema::kSchemaVersion, kAnalyzerVersion}; }

}  // namespace kavosh
