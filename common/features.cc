#include "common/features.h"

#include <array>
#include <utility>

namespace kavosh {
namespace {

using Flag = bool Features::*;

constexpr std::array<std::pair<std::string_view, Flag>, 13> kFlags = {{
    {"letters", &Features::letters},
    {"digits", &Features::digits},
    {"marks", &Features::marks},
    {"zwnj", &Features::zwnj},
    {"orthography", &Features::orthography},
    {"stem", &Features::stem},
    {"stopwords", &Features::stopwords},
    {"tiers", &Features::tiers},
    {"feedback", &Features::feedback},
    {"proximity", &Features::proximity},
    {"feedback_gate", &Features::feedback_gate},
    {"rare_tiers", &Features::rare_tiers},
    {"typed_tier", &Features::typed_tier},
}};

constexpr std::array<Flag, 6> kIndexSide = {&Features::letters,     &Features::digits,
                                            &Features::marks,       &Features::zwnj,
                                            &Features::orthography, &Features::stem};

const Features kAllOn{};
thread_local const Features* current = &kAllOn;

}  // namespace

Features ablate(std::string_view list, Features base, std::vector<std::string>* unknown) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    bool known = false;
    for (const auto& [flag_name, flag] : kFlags) {
      if (name == flag_name) {
        base.*flag = false;
        known = true;
      }
    }
    if (!known && !name.empty() && unknown != nullptr) {
      unknown->emplace_back(name);
    }
  }
  return base;
}

std::string ablated_names(const Features& f) {
  std::string names;
  for (const auto& [name, flag] : kFlags) {
    if (!(f.*flag)) {
      names += names.empty() ? "" : ",";
      names += name;
    }
  }
  return names;
}

Features with_index_side(const Features& query, const Features& index) {
  Features f = query;
  for (const Flag flag : kIndexSide) {
    f.*flag = index.*flag;
  }
  return f;
}

const Features& features() { return *current; }

FeaturesScope::FeaturesScope(const Features& f) : previous_(current) { current = &f; }

FeaturesScope::~FeaturesScope() { current = previous_; }

}  // namespace kavosh
