#include "indexer/article_json.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "indexer/article_text.h"

namespace kavosh {

using nlohmann::json;

namespace {

// nlohmann::json builds nested values recursively; a line of 10,000 '['
// would take the stack with it.
constexpr int kMaxJsonDepth = 512;

// True if brackets nest deeper than `limit` outside strings. Cheap next to
// parsing: inside strings it only looks for quotes.
bool nested_too_deeply(std::string_view text, int limit) {
  int depth = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char c = *p++;
    if (c == '[' || c == '{') {
      if (++depth > limit) {
        return true;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '"') {
      // Skip to the closing quote: one not preceded by an odd run of '\'.
      for (;;) {
        const auto* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
        if (quote == nullptr) {
          return false;
        }
        const char* q = quote;
        while (q > p && q[-1] == '\\') {
          --q;
        }
        p = quote + 1;
        if ((quote - q) % 2 == 0) {
          break;
        }
      }
    }
  }
  return false;
}

// Why a parsed JSON value is not an article, or nullptr when `article` got
// its fields from it.
const char* take_fields(json& value, Article& article) {
  if (!value.is_object()) {
    return "not a JSON object";
  }
  const auto body = value.find("body");
  if (body == value.end() || body->is_null()) {
    return "no body";
  }
  if (!body->is_string()) {
    return "body is not a string";
  }
  article.body = std::move(body->get_ref<std::string&>());
  const auto take = [&](const char* key, std::string& field) {
    const auto it = value.find(key);
    if (it != value.end() && it->is_string()) {
      field = std::move(it->get_ref<std::string&>());
    }
  };
  take("title", article.title);
  // A headline alone is an article: Hamshahri has judged-relevant ones.
  if (is_blank(article.body) && is_blank(article.title)) {
    return "empty article";
  }
  take("date", article.date);
  take("source", article.source);
  take("url", article.url);
  take("category", article.category);
  take("author", article.author);
  // A string or a list of them; other values are not tags.
  if (const auto tags = value.find("tags"); tags != value.end()) {
    if (tags->is_string()) {
      article.tags.push_back(std::move(tags->get_ref<std::string&>()));
    } else if (tags->is_array()) {
      for (json& tag : *tags) {
        if (tag.is_string()) {
          article.tags.push_back(std::move(tag.get_ref<std::string&>()));
        }
      }
    }
  }
  if (const auto id = value.find("id"); id != value.end()) {
    if (id->is_string()) {
      article.id = std::move(id->get_ref<std::string&>());
    } else if (id->is_number_integer()) {
      article.id = id->dump();
    }
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> parse_json_article(std::string_view text, std::size_t offset,
                                              Article& article) {
  if (nested_too_deeply(text, kMaxJsonDepth)) {
    return "JSON nested too deeply";
  }
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // nlohmann validates UTF-8 itself, so valid lines never pay for this.
    if (const auto at = find_invalid_utf8(text)) {
      return "invalid UTF-8 at byte " + std::to_string(*at + offset);
    }
    if (const std::size_t at = text.find('\0'); at != std::string_view::npos) {
      return "NUL byte at byte " + std::to_string(at + offset);
    }
    return "broken JSON";
  }
  if (const char* reason = take_fields(value, article)) {
    return reason;
  }
  return std::nullopt;
}

}  // namespace kavosh
