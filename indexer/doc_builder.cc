#include "indexer/doc_builder.h"

#include <xxhash.h>

#include <cstdio>

#include "common/dates.h"
#include "common/features.h"
#include "common/normalizer.h"
#include "common/stemmer.h"
#include "common/tokenizer.h"
#include "indexer/article_date.h"
#include "indexer/article_source.h"
#include "indexer/near_dup.h"

namespace kavosh {
namespace {

// Adds the words of `text` from `first_position` on; returns how many
// positions it used. A half-space compound adds its joined form and its
// parts, the parts on consecutive positions, so "رئیس‌جمهور" matches both
// "رئیسجمهور" and the phrase "رئیس جمهور".
Xapian::termpos add_text(Xapian::Document& doc, const std::vector<Token>& tokens,
                         Xapian::termpos first_position, bool is_title) {
  const Xapian::termcount wdf = is_title ? schema::kTitleWdf : 1;
  const bool stems = features().stem;
  // Prefixed terms are built in one buffer: no allocation per word.
  std::string prefixed;
  const auto post = [&](const std::string& term, Xapian::termpos pos) {
    if (term.size() > schema::kMaxTermBytes) {
      return;
    }
    doc.add_posting(term, pos, wdf);
    if (is_title) {
      doc.add_posting(schema::make_term(prefixed, schema::kTitlePrefix, term), pos);
    }
  };
  Xapian::termpos end = first_position;
  for (const Token& token : tokens) {
    const Xapian::termpos pos = first_position + token.position;
    post(token.term, pos);
    for (std::size_t i = 0; i < token.parts.size(); ++i) {
      post(token.parts[i], pos + static_cast<Xapian::termpos>(i));
    }
    if (stems) {
      const std::string& s = stem_token(token);
      if (s.size() + 1 <= schema::kMaxTermBytes) {
        doc.add_term(schema::make_term(prefixed, schema::kStemPrefix, s), wdf);
      }
    }
    end = pos + token.width();
  }
  return end - first_position;
}

// Adds `prefix` + the normalized `value` as a boolean term, if it fits.
void add_field_term(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  const std::string term = schema::field_term(prefix, normalize(value));
  if (term.size() > prefix.size() && term.size() <= schema::kMaxTermBytes) {
    doc.add_boolean_term(term);
  }
}

// The fields a reader filters by: category (and each of its parents, so
// that "sports" finds "sports/football-iran"), tags and author.
void add_fields(Xapian::Document& doc, const Article& article) {
  std::string_view category = article.category;
  while (!category.empty()) {
    add_field_term(doc, schema::kCategoryPrefix, category);
    const std::size_t slash = category.rfind('/');
    category = category.substr(0, slash == std::string_view::npos ? 0 : slash);
  }
  for (const std::string& tag : article.tags) {
    add_field_term(doc, schema::kTagPrefix, tag);
  }
  add_field_term(doc, schema::kAuthorPrefix, article.author);
}

}  // namespace

std::string content_hash(const Article& a) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  const auto field = [state](std::string_view s) {
    const auto size = static_cast<std::uint64_t>(s.size());
    XXH3_64bits_update(state, &size, sizeof size);
    XXH3_64bits_update(state, s.data(), s.size());
  };
  field(a.id);
  field(a.path);
  field(std::to_string(a.line));
  field(a.title);
  field(a.body);
  field(a.date);
  field(a.source);
  field(a.url);
  field(a.category);
  field(std::to_string(a.tags.size()));
  for (const std::string& tag : a.tags) {
    field(tag);
  }
  field(a.author);
  const XXH64_hash_t hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

BuiltDoc build_document(Article&& article) {
  std::string hash = content_hash(article);
  return build_document(std::move(article), std::move(hash));
}

namespace {

// The article's date (article_date.h) into the record and the date slot.
void add_date(const Article& article, schema::Record& r, Xapian::Document& doc) {
  // Dates after the day the run began are refused: one article dated
  // 1500/01/01 would push every other out of the recency boost.
  static const DocDate today = today_in_tehran();
  auto date = article_date(article, today);
  if (!date) {
    return;
  }
  const DocDate& day = date->found.date;
  r.date_gregorian = format_iso(day.gregorian);
  r.date_jalali = format_jalali(day.jalali);
  r.date_written = std::move(date->found.written);
  r.date_calendar = calendar_name(date->found.calendar);
  r.date_origin = origin_name(date->origin);
  doc.add_value(schema::kDateSlot,
                Xapian::sortable_serialise(static_cast<double>(days_since_epoch(day.gregorian))));
}

// The near-duplicate signature of the words already tokenized, with their
// cached stems: as Signature::of_text(title + "\n" + body), without a
// second pass.
void add_signature(Xapian::Document& doc, const std::vector<Token>& title_tokens,
                   const std::vector<Token>& body_tokens) {
  const auto signature = Signature::of_tokens(
      {&title_tokens, &body_tokens},
      [](const std::string& word) -> const std::string& { return stem_cached(word); });
  if (signature) {
    doc.add_value(schema::kSignatureSlot, signature->serialise());
    for (const std::string& band : signature->band_terms()) {
      doc.add_boolean_term(band);
    }
  }
}

// The article's text and metadata moved into the record.
void take_article(Article&& article, schema::Record& r) {
  r.id = std::move(article.id);
  r.path = std::move(article.path);
  r.line = article.line;
  r.title = std::move(article.title);
  r.body = std::move(article.body);
  r.url = std::move(article.url);
  r.category = std::move(article.category);
  r.tags = std::move(article.tags);
  r.author = std::move(article.author);
}

}  // namespace

BuiltDoc build_document(Article&& article, std::string hash) {
  BuiltDoc out;
  schema::Record& r = out.record;
  Xapian::Document& doc = out.document;
  r.hash = std::move(hash);
  r.size = article.title.size() + article.body.size();
  add_date(article, r, doc);
  r.source = article.source;
  if (r.source.empty()) {
    r.source = find_source(article.body).value_or("");
  }

  const std::vector<Token> title_tokens = tokenize(article.title);
  const std::vector<Token> body_tokens = tokenize(article.body);
  const Xapian::termpos title_positions = add_text(doc, title_tokens, 1, true);
  add_text(doc, body_tokens, 1 + title_positions + schema::kBodyPositionGap, false);
  doc.add_boolean_term(schema::id_term(article.id));
  add_fields(doc, article);
  if (!r.source.empty()) {
    const std::string source_term = schema::source_term(normalize(r.source));
    if (source_term.size() <= schema::kMaxTermBytes) {
      doc.add_boolean_term(source_term);
    }
    doc.add_value(schema::kSourceSlot, r.source);
  }
  doc.add_value(schema::kHashSlot, r.hash);
  add_signature(doc, title_tokens, body_tokens);

  take_article(std::move(article), r);
  doc.set_data(r.to_data());
  // The data holds the body now; SQLite keeps the rest of the record. Freed
  // here, a document waiting in the writer's queue holds its text once.
  r.body = std::string();
  return out;
}

}  // namespace kavosh
