// End-to-end: what a reader sees of kavosh-search in a terminal. Persian laid
// out right to left in a real 80-column tmux pane, and archive text that
// tries to take over the terminal shown as harmless text in every mode.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "common/bidi_layout.h"
#include "tests/process.h"

namespace fs = std::filesystem;
using kavosh::test::Run;
using kavosh::test::run;
using kavosh::test::TempDir;
using kavosh::test::write_file;

namespace {

const std::string kIndexBin = KAVOSH_INDEX_BIN;
const std::string kSearchBin = KAVOSH_SEARCH_BIN;

// A real headline and lead of ILNA (21 Azar 1404), as one JSON article.
const std::string kTitle =
    "پزشکیان: مصمم هستیم توافق جامع ایران و روسیه "
    "را اجرایی و عملیاتی کنیم؛ پوتین: امضای توافق "
    "جامع نقطه عطفی در روابط دوجانبه بود";
const std::string kBody =
    "به گزارش ایلنا، مسعود پزشکیان در حاشیه "
    "اجلاس بین‌المللی صلح و اعتماد در "
    "ترکمنستان، بعد از ظهر امروز در دیدار با آقای "
    "«ولادیمیر پوتین» رئیس‌جمهور روسیه، با "
    "ابراز خرسندی از سطح بسیار خوب روابط تهران و "
    "مسکو، از حمایت‌های روسیه قدردانی کرد.";

std::string reversed(const std::string& text);

// A visual right-to-left line read back in logical order: characters
// reversed, and the guillemets the layout mirrored turned back.
std::string read_back(const std::string& line) {
  const std::string out = reversed(line);
  std::string turned;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "«") == 0) {
      turned += "»";
      ++i;
    } else if (out.compare(i, 2, "»") == 0) {
      turned += "«";
      ++i;
    } else {
      turned += out[i];
    }
  }
  return turned;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    if (word.rfind("…", 0) == 0) {
      word.erase(0, 3);
    }
    if (word.size() >= 3 && word.compare(word.size() - 3, 3, "…") == 0) {
      word.erase(word.size() - 3);
    }
    if (!word.empty()) {
      out.push_back(word);
    }
  }
  return out;
}

// Where `name` is on PATH, or empty.
std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path == nullptr ? "/usr/bin:/bin" : path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return "";
}

// A tmux server of its own, killed when the test ends.
class Tmux {
 public:
  Tmux() : program_(find_program("tmux")) {
    std::random_device rd;
    socket_ = "kavosh-test-" + std::to_string(getpid()) + "-" + std::to_string(rd());
  }
  ~Tmux() {
    if (!program_.empty()) {
      run({program_, "-L", socket_, "kill-server"});
    }
  }
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;

  bool available() const { return !program_.empty(); }

  // The text of an 80x40 pane running the shell `command`, once its output
  // holds `until` (at most 30 s); with `escapes`, with tmux's SGR codes.
  std::string screen(const std::string& command, const std::string& until, bool escapes = false) {
    const std::string session = "s" + std::to_string(sessions_++);
    const Run started =
        run({program_, "-u", "-L", socket_, "-f", "/dev/null", "new-session", "-d", "-s", session,
             "-x", "80", "-y", "40", "export LC_ALL=C.UTF-8; " + command + "; sleep 600"});
    REQUIRE(started.status == 0);
    std::vector<std::string> capture{program_,       "-u", "-L", socket_,
                                     "capture-pane", "-p", "-t", session};
    if (escapes) {
      capture.push_back("-e");
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string text;
    while (std::chrono::steady_clock::now() < deadline) {
      text = run(capture).out;
      if (text.find(until) != std::string::npos) {
        return text;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the pane never showed \"" << until << "\":\n" << text);
    return text;
  }

  // The bytes `command` writes to the pane's terminal, escape sequences and
  // all (tmux's pipe-pane), once they hold `until`. `dir` holds the files.
  std::string bytes(const std::string& command, const std::string& until, const fs::path& dir) {
    const std::string session = "s" + std::to_string(sessions_++);
    const fs::path go = dir / (session + ".go");
    const fs::path out = dir / (session + ".out");
    // The command waits until the pane is piped, so nothing it writes is missed.
    const Run started = run({program_, "-u", "-L", socket_, "-f", "/dev/null", "new-session", "-d",
                             "-s", session, "-x", "80", "-y", "40",
                             "export LC_ALL=C.UTF-8; while [ ! -e " + go.string() +
                                 " ]; do sleep 0.05; done; " + command + "; sleep 600"});
    REQUIRE(started.status == 0);
    const Run piped =
        run({program_, "-L", socket_, "pipe-pane", "-o", "-t", session, "cat > " + out.string()});
    REQUIRE(piped.status == 0);
    write_file(go, "");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string text;
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(out, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), {});
      if (text.find(until) != std::string::npos) {
        return text;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the pane never got \"" << until << "\":\n" << text);
    return text;
  }

 private:
  std::string program_;
  std::string socket_;
  int sessions_ = 0;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

struct Archive {
  TempDir dir;
  fs::path index = dir / "index";
};

// One article, the headline above, indexed.
const Archive& headline_archive() {
  static Archive archive;
  static const bool built = [] {
    const nlohmann::json article = {{"id", "ilna-1"},
                                    {"title", kTitle},
                                    {"body", kBody},
                                    {"source", "ایلنا"},
                                    {"date", "1404/09/21"}};
    write_file(archive.dir / "corpus" / "ilna" / "putin.json", article.dump());
    const Run r =
        run({kIndexBin, (archive.dir / "corpus").string(), "--index", archive.index.string()});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    return true;
  }();
  (void)built;
  return archive;
}

std::string search_command(const std::string& options) {
  return kSearchBin + " --index " + headline_archive().index.string() + " " + options +
         " 'توافق جامع'";
}

}  // namespace

TEST_CASE(
    "in a tmux pane a Persian headline reads right to left, right-aligned and wrapped "
    "whole words at 80 columns",
    "[e2e][tmux]") {
  Tmux tmux;
  // CI installs tmux (scripts/install-deps.sh): without it this test fails.
  REQUIRE(tmux.available());
  const std::string screen =
      tmux.screen(search_command("--bidi visual --no-shaping --color=never"), "result (");
  INFO(screen);
  const auto lines = lines_of(screen);
  REQUIRE(lines.size() > 4);
  // The headline takes two lines: the first ends at the right edge with the
  // rank, which a Persian reader sees first; the second stands under the
  // headline's first word, three columns in from the edge.
  CHECK(kavosh::display_width(lines[0]) == 80);
  CHECK(lines[0].substr(lines[0].size() - 3) == " .1");
  CHECK(kavosh::display_width(lines[1]) == 77);
  const std::string title_back =
      read_back(lines[0].substr(0, lines[0].size() - 3)) + " " + read_back(lines[1]);
  CHECK(words(title_back) == words(kTitle));
  // Metadata left to right, the Persian date whole: "۲۱ آذر ۱۴۰۴" read from the right.
  CHECK(lines[2] == "   ۱۴۰۴ " + reversed("آذر") + " ۲۱ · 2025-12-12 · " + reversed("ایلنا") +
                        " · ilna/putin.json [ilna-1]");
  // The snippet: every line right-aligned three columns in, no word broken.
  std::string snippet_back;
  std::size_t line = 3;
  for (; line < lines.size() && !lines[line].empty(); ++line) {
    CHECK(kavosh::display_width(lines[line]) == 77);
    snippet_back += " " + read_back(lines[line]);
  }
  CHECK(line > 4);
  for (const std::string& word : words(snippet_back)) {
    INFO(word);
    CHECK(kBody.find(word) != std::string::npos);
  }

  SECTION("auto picks visual order inside tmux") {
    // The same screen, but for the time the search took.
    const std::regex seconds("\\([0-9.]+ s\\)");
    CHECK(std::regex_replace(tmux.screen(search_command("--no-shaping --color=never"), "result ("),
                             seconds, "") == std::regex_replace(screen, seconds, ""));
  }
  SECTION("with shaping the letters are joined presentation forms") {
    const std::string shaped = tmux.screen(search_command("--color=never"), "result (");
    CHECK(shaped.find("\uFEE2\uFEE4\uFEBC\uFEE3") != std::string::npos);  // مصمم, reversed
    CHECK(shaped.find("مصمم") == std::string::npos);
  }
  SECTION("NO_COLOR turns the colours off; --color=always turns them back on") {
    CHECK(tmux.screen(search_command(""), "result (", true).find("\033[") != std::string::npos);
    CHECK(tmux.screen("NO_COLOR=1 " + search_command(""), "result (", true).find("\033[") ==
          std::string::npos);
    CHECK(tmux.screen("NO_COLOR=1 " + search_command("--color=always"), "result (", true)
              .find("\033[") != std::string::npos);
  }
}

TEST_CASE(
    "on a VTE terminal auto writes logical order, and forced visual order switches its "
    "bidi off around the output",
    "[e2e][tmux]") {
  Tmux tmux;
  REQUIRE(tmux.available());
  TempDir dir;
  // As GNOME Terminal (VTE 0.70.3) would present itself outside tmux.
  const std::string vte = "env -u TMUX TERM=xterm-256color VTE_VERSION=7003 ";
  const std::string logical =
      tmux.bytes(vte + search_command("--color=never"), "result (", dir.path());
  CHECK(logical.find("\u2067") != std::string::npos);  // RLI: the terminal reorders the line
  CHECK(logical.find(kTitle.substr(0, 30)) != std::string::npos);
  CHECK(logical.find("\033[8l") == std::string::npos);
  const std::string visual = tmux.bytes(
      vte + search_command("--bidi visual --color=never --no-shaping"), "\033[8h", dir.path());
  const std::size_t off = visual.find("\033[8l");
  REQUIRE(off != std::string::npos);
  CHECK(off < visual.find(".1"));
  CHECK(visual.find("\033[8h") > visual.find("result ("));
  CHECK(visual.find(reversed("مصمم")) != std::string::npos);
  // Inside tmux, which has no such mode, visual order is written without it.
  const std::string in_tmux = tmux.bytes(search_command("--color=never"), "result (", dir.path());
  CHECK(in_tmux.find("\033[8l") == std::string::npos);
}

TEST_CASE("piped output stays plain logical text with a Persian date, or a numeric one on request",
          "[e2e][bidi]") {
  const fs::path& index = headline_archive().index;
  const Run plain = run({kSearchBin, "--index", index.string(), "توافق جامع"});
  REQUIRE(plain.status == 0);
  CHECK(plain.out.find("1. " + kTitle + "\n") == 0);
  CHECK(plain.out.find("   ۲۱ آذر ۱۴۰۴ · 2025-12-12 · ایلنا · ilna/putin.json") !=
        std::string::npos);
  CHECK(plain.out.find("\033") == std::string::npos);
  CHECK(plain.out.find("\u2068") == std::string::npos);
  const Run numeric = run({kSearchBin, "--index", index.string(), "--dates=numeric", "توافق"});
  CHECK(numeric.out.find("   1404/09/21 (2025-12-12) · ایلنا") != std::string::npos);

  SECTION("KAVOSH_BIDI chooses the mode as --bidi does, and a bad value is an error") {
    const Run visual = run({"/usr/bin/env", "KAVOSH_BIDI=visual", kSearchBin, "--index",
                            index.string(), "--no-shaping", "توافق جامع"});
    CHECK(visual.out.find(reversed("توافق")) != std::string::npos);
    const Run bad =
        run({"/usr/bin/env", "KAVOSH_BIDI=mirror", kSearchBin, "--index", index.string(), "توافق"});
    CHECK(bad.status == 2);
    CHECK(bad.err ==
          "kavosh-search: error: KAVOSH_BIDI: \"mirror\" is not auto, visual or "
          "logical\n");
  }
}

namespace {

// What an article can carry to take over a reader's terminal: clear the
// screen, switch screens, write the clipboard (OSC 52), retitle the window
// (OSC 0), plant a link (OSC 8), a DCS request, ask for the cursor position
// (the answer lands in the reader's input), a one-character C1 CSI,
// backspaces over the text, DEL, and bidi overrides and isolates.
const std::vector<std::string> kHijacks = {
    "\x1b[2J",
    "\x1b[?1049h",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]0;owned\x07",
    "\x1b]8;;https://evil.example/\x1b\\ilna.ir\x1b]8;;\x1b\\",
    "\x1bP$qm\x1b\\",
    "\x1b[6n",
    "\xc2\x9b"
    "31m",
    "\b\b\b",
    "\x7f",
    "\u202e",
    "\u2066",
};

// The bytes that must never reach the terminal from the archive (the bidi
// isolates only where Kavosh writes none of its own).
std::vector<std::string> forbidden(bool own_isolates) {
  std::vector<std::string> bytes = {"\x1b", "\x07", "\b", "\x7f", "\xc2\x9b", "\u202e"};
  if (!own_isolates) {
    bytes.push_back("\u2066");
  }
  return bytes;
}

std::string hijacking(const std::string& text) {
  std::string out = text;
  for (const std::string& h : kHijacks) {
    out += h + " " + text;
  }
  return out;
}

// `text` without Kavosh's own SGR colours.
std::string without_colours(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

}  // namespace

TEST_CASE(
    "escape sequences in an article never reach the terminal from either program, in any "
    "mode",
    "[e2e][safety]") {
  TempDir dir;
  // The file name carries what a name can hold (no "/").
  const std::string name =
      "پوتین\x1b[2J\x1b]0;owned\x07\x1b[6n\xc2\x9b"
      "2J\b\u202e.json";
  const nlohmann::json article = {
      {"id", hijacking("ilna-1")},
      {"title", hijacking("دیدار پزشکیان و پوتین")},
      {"body",
       hijacking("رئیس‌جمهور روسیه در عشق‌آباد با پزشکیان "
                 "دیدار کرد.")},
      {"source", hijacking("ایلنا")},
      {"url", hijacking("https://www.ilna.ir/")},
      {"date", "1404/09/21"}};
  write_file(dir / "corpus" / name, article.dump());
  // A file kavosh-index warns about, by a name that tries the same.
  write_file(dir / "corpus" /
                 ("\x1b]52;c;cm0=\x07\x1b[2J\xc2\x9b"
                  "6n\u202e.json"),
             "{broken");
  const Run indexed =
      run({kIndexBin, (dir / "corpus").string(), "--index", (dir / "index").string()});
  INFO(indexed.out << indexed.err);
  REQUIRE(indexed.status == 1);  // done, one file skipped
  for (const std::string& bytes : forbidden(false)) {
    CHECK((indexed.out + indexed.err).find(bytes) == std::string::npos);
  }
  CHECK(indexed.err.find("\\x1B]52;c;cm0=\\x07") != std::string::npos);

  const std::vector<std::vector<std::string>> modes = {
      {},
      {"--color=always"},
      {"--bidi", "visual"},
      {"--bidi", "visual", "--color=always", "--no-shaping"},
      {"--bidi", "logical"},
      {"--bidi", "logical", "--color=always", "--facets"},
      {"--facets", "--color=always"},
  };
  for (const auto& mode : modes) {
    std::vector<std::string> args{kSearchBin, "--index", (dir / "index").string()};
    args.insert(args.end(), mode.begin(), mode.end());
    args.push_back("پوتین");
    const Run r = run(args);
    const bool logical = mode.size() > 1 && mode[1] == "logical";
    INFO(args.back() << (mode.empty() ? "" : " " + mode[0]) << " " << (logical ? "logical" : ""));
    REQUIRE(r.status == 0);
    const std::string seen = without_colours(r.out) + r.err;
    for (const std::string& bytes : forbidden(logical)) {
      CHECK(seen.find(bytes) == std::string::npos);
    }
    // Shown as text a reader can see, not dropped.
    CHECK(seen.find("\\x1B") != std::string::npos);
    CHECK(seen.find("\\u{202E}") != std::string::npos);
  }

  SECTION("a query echoed back is made safe too") {
    const Run r = run(
        {kSearchBin, "--index", (dir / "index").string(), "--color=always", "زززز\x1b]0;x\x07"});
    CHECK(r.status == 1);
    CHECK(without_colours(r.out + r.err).find('\x1b') == std::string::npos);
  }
  SECTION("an error naming an unknown id is made safe too") {
    const Run r =
        run({kSearchBin, "--index", (dir / "index").string(), "--like", "nope\x1b]0;x\x07"});
    CHECK(r.status == 2);
    CHECK(r.err.rfind("kavosh-search: error: ", 0) == 0);
    CHECK(r.err.find('\x1b') == std::string::npos);
  }
  SECTION("--json still gives every string back exactly") {
    const Run r = run({kSearchBin, "--index", (dir / "index").string(), "--json", "پوتین"});
    REQUIRE(r.status == 0);
    const auto results = nlohmann::json::parse(r.out);
    REQUIRE(results["hits"].size() == 1);
    const auto& hit = results["hits"][0];
    CHECK(hit["title"] == article["title"]);
    CHECK(hit["source"] == article["source"]);
    CHECK(hit["url"] == article["url"]);
    CHECK(hit["id"] == article["id"]);
    CHECK(hit["path"] == name);
  }
}

namespace {

std::string reversed(const std::string& text) {
  std::string out;
  std::size_t i = text.size();
  while (i > 0) {
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    out += text.substr(start, i - start);
    i = start;
  }
  return out;
}

}  // namespace
