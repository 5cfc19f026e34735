#include "kavosh/version.h"

#include "common/normalizer.h"
#include "common/schema.h"

namespace kavosh {

IndexVersion index_version() noexcept { return {schema::kSchemaVersion, kAnalyzerVersion}; }

}  // namespace kavosh
