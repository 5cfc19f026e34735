#include "common/features.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace kavosh {
namespace {

Features read_features() {
  Features f;
  const char* env = std::getenv("KAVOSH_ABLATE");
  std::string_view list = env == nullptr ? "" : env;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    bool* flag = name == "letters"         ? &f.letters
                 : name == "digits"        ? &f.digits
                 : name == "marks"         ? &f.marks
                 : name == "zwnj"          ? &f.zwnj
                 : name == "orthography"   ? &f.orthography
                 : name == "stem"          ? &f.stem
                 : name == "stopwords"     ? &f.stopwords
                 : name == "tiers"         ? &f.tiers
                 : name == "feedback"      ? &f.feedback
                 : name == "proximity"     ? &f.proximity
                 : name == "feedback_gate" ? &f.feedback_gate
                 : name == "rare_tiers"    ? &f.rare_tiers
                                           : nullptr;
    if (flag != nullptr) {
      *flag = false;
    } else if (!name.empty()) {
      std::fprintf(stderr, "kavosh: KAVOSH_ABLATE: unknown feature \"%.*s\" (known: %.*s)\n",
                   static_cast<int>(name.size()), name.data(),
                   static_cast<int>(kFeatureNames.size()), kFeatureNames.data());
    }
  }
  return f;
}

}  // namespace

const Features& features() {
  static const Features f = read_features();
  return f;
}

}  // namespace kavosh
