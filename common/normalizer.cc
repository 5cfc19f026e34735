#include "common/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/features.h"
#include "common/utf8.h"

namespace kavosh {
namespace {

// The replacement for one code point after NFKC_Casefold: a code point, or
// kDrop to remove it.
constexpr UChar32 kDrop = -1;

UChar32 unify(UChar32 c, const Features& f) {
  if (c == ',') {  // inside a token only between digits: "1,234" is 1234
    return kDrop;
  }
  if (!f.letters && ((c >= 0x0622 && c <= 0x064A) || c == 0x06C0 || c == 0x06D5 || c == 0x0671)) {
    return c;
  }
  if (!f.marks && ((c >= 0x064B && c <= 0x065F) || c == 0x0640 || c == 0x0670)) {
    return c;
  }
  if (!f.digits && ((c >= 0x06F0 && c <= 0x06F9) || (c >= 0x0660 && c <= 0x0669))) {
    return c;
  }
  switch (c) {
    case 0x06C0:  // heh with yeh above (NFKC composes heh + hamza above into it)
    case 0x06D5:  // ae, the base of U+06C0
      return 0x0647;
    case 0x0622:  // alef with madda: map after NFKC, which composes alef + madda
    case 0x0671:  // alef wasla
      return 0x0627;
    case 0x0624:  // waw with hamza
      return 0x0648;
    case 0x0640:  // tatweel stretches a word without changing it
    case 0x0670:  // superscript alef
    case 0x066C:  // Arabic thousands separator: "۱٬۲۳۴" is 1234
      return kDrop;
    case 0x066B:  // Arabic decimal separator
      return '.';
    default:
      break;
  }
  if (c >= 0x064B && c <= 0x065F) {  // harakat, hamza above/below
    return kDrop;
  }
  return static_cast<UChar32>(fold_letter(static_cast<char32_t>(c)));
}

constexpr UChar32 kYeh = 0x06CC;
constexpr UChar32 kWaw = 0x0648;
constexpr UChar32 kAlef = 0x0627;
constexpr UChar32 kYehHamza = 0x0626;

// Hamza seats vary between writers and decades: "رئیس"/"رییس",
// "هیئت"/"هیأت"/"هیات", "مسئول"/"مسؤول"/"مسوول", "سئوال"/"سؤال"/"سوال".
//  - yeh with hamza before waw is dropped (مسئول -> مسول, سئوال -> سوال);
//  - after yeh it is read as alef (هیئت -> هیات, as هیأت is written);
//  - elsewhere it is yeh (رئیس -> رییس, پائیز -> پاییز, جزئی -> جزیی);
//  - a doubled waw is one (مسؤول -> مسوول -> مسول, طاووس -> طاوس, داوود -> داود).
icu::UnicodeString fold_orthography(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  const std::int32_t n = in.length();
  for (std::int32_t i = 0; i < n; ++i) {
    const UChar32 c = in.charAt(i);
    const UChar32 next = i + 1 < n ? in.charAt(i + 1) : 0;
    const UChar32 prev = out.isEmpty() ? 0 : out.charAt(out.length() - 1);
    if (c == kYehHamza) {
      if (next == kWaw) {
        continue;
      }
      out.append(prev == kYeh ? kAlef : kYeh);
    } else if (c == kWaw && prev == kWaw) {
      continue;
    } else {
      out.append(c);
    }
  }
  return out;
}

// Old and new spellings of the same word, after the rules above; the new
// one is indexed. Homophones that are different words (صد/سد, خوار/خار,
// غذا/قضا) are not here.
const std::unordered_map<std::string_view, std::string_view>& old_spellings() {
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"اطاق", "اتاق"},          // room
      {"طهران", "تهران"},        // Tehran
      {"بلیط", "بلیت"},          // ticket
      {"اطریش", "اتریش"},        // Austria
      {"امپراطور", "امپراتور"},  // emperor
      {"امپراطوری", "امپراتوری"},
      {"باطری", "باتری"},    // battery
      {"طپش", "تپش"},        // beat
      {"غلطیدن", "غلتیدن"},  // to roll
      {"اطو", "اتو"},        // iron
      {"طوفان", "توفان"},    // storm
  };
  return table;
}

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || n == nullptr) {
    throw std::runtime_error("ICU: NFKC_Casefold data unavailable");
  }
  return *n;
}

bool is_plain_ascii_word(std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= 'A' && c <= 'Z') || c == ',') {
      return false;
    }
  }
  return true;
}

// A word of Persian letters that every step leaves as it is: NFKC casefold
// changes no base letter of the Arabic script (only a combining mark
// composes with one, and none is here), unify() keeps each letter, and
// the orthography folds only yeh with hamza and a doubled waw. Most words
// of an archive are such; they skip ICU.
bool is_normal_persian_word(std::string_view text, const Features& f) {
  UChar32 prev = 0;
  for (std::size_t i = 0; i < text.size();) {
    const UChar32 c = next_code_point(text, i);
    const bool letter = (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) ||
                        c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06A9 || c == 0x06AF ||
                        c == kYeh;
    if (!letter || c == kYehHamza || unify(c, f) != c ||
        (f.orthography && c == kWaw && prev == kWaw)) {
      return false;
    }
    prev = c;
  }
  return !text.empty();
}

// `word`, normal already, or its new spelling.
std::string new_spelling(std::string word, const Features& f) {
  if (f.orthography) {
    if (const auto it = old_spellings().find(word); it != old_spellings().end()) {
      return std::string(it->second);
    }
  }
  return word;
}

}  // namespace

char32_t fold_letter(char32_t c) {
  if (c >= 0x06F0 && c <= 0x06F9) {  // Persian digits
    return '0' + (c - 0x06F0);
  }
  if (c >= 0x0660 && c <= 0x0669) {  // Arabic-Indic digits
    return '0' + (c - 0x0660);
  }
  switch (c) {
    case 0x064A:  // Arabic yeh
    case 0x0649:  // alef maksura
      return 0x06CC;
    case 0x0643:  // Arabic kaf
      return 0x06A9;
    case 0x0623:  // alef with hamza above, as Arabic writes "ربيع الأول"
    case 0x0625:  // alef with hamza below
      return 0x0627;
    case 0x0629:  // teh marbuta, as in "جمادى الآخرة"
      return 0x0647;
    default:
      return c;
  }
}

std::string normalize(std::string_view text) {
  // Lower-case ASCII (most digits and Latin terms) is already normal.
  if (is_plain_ascii_word(text)) {
    return std::string(text);
  }
  const Features& f = features();
  if (is_normal_persian_word(text, f)) {
    return new_spelling(std::string(text), f);
  }
  static const icu::Normalizer2& nfkc = nfkc_casefold();
  icu::UnicodeString unified = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
  // Dropping a character can bring two combining marks together out of
  // canonical order (U+06E8, the dropped U+066C, U+06EA), so the steps run
  // again until NFKC has nothing left to change. Each pass only removes or
  // reorders, so a second pass is the most any input has needed.
  constexpr int kMaxPasses = 4;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    UErrorCode status = U_ZERO_ERROR;
    if (pass > 0 && nfkc.isNormalized(unified, status) && U_SUCCESS(status)) {
      break;
    }
    const icu::UnicodeString folded = nfkc.normalize(unified, status);
    if (U_FAILURE(status)) {
      throw std::runtime_error("ICU: normalization failed");
    }
    unified.remove();
    for (std::int32_t i = 0; i < folded.length();) {
      const UChar32 c = folded.char32At(i);
      i += U16_LENGTH(c);
      const UChar32 mapped = unify(c, f);
      if (mapped != kDrop) {
        unified.append(mapped);
      }
    }
    if (f.orthography) {
      unified = fold_orthography(unified);
    }
  }
  std::string out;
  unified.toUTF8String(out);
  return new_spelling(std::move(out), f);
}

}  // namespace kavosh
