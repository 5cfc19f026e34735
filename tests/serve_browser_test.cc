// kavosh-serve's page in a real browser: Debian's headless Chromium,
// driven over the DevTools protocol (--remote-debugging-pipe, so that the
// viewport can be a phone's: a headless window is at least 500 px wide).
// It runs a Persian query from the URL, checks the rendered results, a
// facet, the article view and the back button, that hostile archive
// strings stay text, and saves screenshots at desktop and phone width.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/serve_test_server.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using kavosh::test::ServeProcess;
using kavosh::test::TempDir;

namespace {

std::string base64_decode(const std::string& in) {
  std::string out;
  int value = 0;
  int bits = -8;
  for (const char c : in) {
    const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char* at = std::strchr(table, c);
    if (c == '=' || at == nullptr || c == '\0') {
      continue;
    }
    value = (value << 6) + static_cast<int>(at - table);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((value >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

// Headless Chromium and one page in it, spoken to over the DevTools
// protocol: JSON messages ended by NUL on fds 3 (to it) and 4 (from it).
class Browser {
 public:
  Browser() {
    int to[2];
    int from[2];
    REQUIRE(pipe2(to, O_CLOEXEC) == 0);
    REQUIRE(pipe2(from, O_CLOEXEC) == 0);
    const std::string profile = (profile_ / "profile").string();
    std::vector<std::string> args{KAVOSH_CHROMIUM,
                                  "--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-sync",
                                  "--no-first-run",
                                  "--hide-scrollbars",
                                  "--remote-debugging-pipe",
                                  "--user-data-dir=" + profile,
                                  "about:blank"};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, to[0], 3);
    posix_spawn_file_actions_adddup2(&actions, from[1], 4);
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(to[0]);
    close(from[1]);
    out_ = to[1];
    in_ = from[0];
    const nlohmann::json target = call("Target.createTarget", {{"url", "about:blank"}});
    const nlohmann::json attached =
        call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}});
    session_ = attached["sessionId"];
    page("Page.enable");
    // Alerts are recorded, not shown: a test sees any script that ran.
    page("Page.addScriptToEvaluateOnNewDocument",
         {{"source",
           "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"}});
  }

  ~Browser() {
    try {
      send("Browser.close", nlohmann::json::object(), "");
    } catch (...) {
    }
    close(out_);
    close(in_);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  // The viewport: CSS pixels, and whether it is a phone (touch, mobile).
  void viewport(int width, int height, bool mobile) {
    page("Emulation.setDeviceMetricsOverride",
         {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", mobile}});
  }

  // Opens `url` and waits until the page has rendered it.
  void open(const std::string& url) {
    page("Page.navigate", {{"url", url}});
    wait_rendered("");
  }

  // Runs `expression` in the page; its value (JSON-serializable).
  nlohmann::json eval(const std::string& expression) {
    const nlohmann::json r =
        page("Runtime.evaluate",
             {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
    if (r.contains("exceptionDetails")) {
      FAIL("page script failed: " << r["exceptionDetails"].dump());
    }
    return r["result"].value("value", nlohmann::json());
  }

  // Runs `action` (a click) and waits until the page has rendered again.
  void act(const std::string& action) {
    const nlohmann::json before = eval("document.body.dataset.ready || ''");
    eval(action);
    wait_rendered(before.get<std::string>());
  }

  void screenshot(const fs::path& path) {
    const nlohmann::json r = page("Page.captureScreenshot", {{"format", "png"}});
    std::ofstream(path, std::ios::binary) << base64_decode(r["data"].get<std::string>());
  }

 private:
  void wait_rendered(const std::string& before) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      const nlohmann::json r =
          page("Runtime.evaluate", {{"expression",
                                     "document.body && document.body.dataset.ready "
                                     "&& document.readyState === 'complete' ? "
                                     "document.body.dataset.ready : ''"},
                                    {"returnByValue", true}});
      const std::string ready = r["result"].value("value", "");
      if (!ready.empty() && ready != before) {
        // Fonts and layout settle after the last render.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the page did not render within 30 s");
  }

  nlohmann::json page(const std::string& method,
                      const nlohmann::json& params = nlohmann::json::object()) {
    return send(method, params, session_);
  }

  nlohmann::json call(const std::string& method, const nlohmann::json& params) {
    return send(method, params, "");
  }

  nlohmann::json send(const std::string& method, const nlohmann::json& params,
                      const std::string& session) {
    const int id = ++last_id_;
    nlohmann::json message = {{"id", id}, {"method", method}, {"params", params}};
    if (!session.empty()) {
      message["sessionId"] = session;
    }
    const std::string text = message.dump() + '\0';
    REQUIRE(write(out_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      for (std::size_t end; (end = buffer_.find('\0')) != std::string::npos;) {
        const nlohmann::json reply = nlohmann::json::parse(buffer_.substr(0, end));
        buffer_.erase(0, end + 1);
        if (reply.value("id", 0) == id) {
          if (reply.contains("error")) {
            FAIL(method << ": " << reply["error"].dump());
          }
          return reply["result"];
        }
      }
      pollfd fd{in_, POLLIN, 0};
      if (poll(&fd, 1, 1000) > 0) {
        char chunk[65536];
        const ssize_t n = read(in_, chunk, sizeof chunk);
        REQUIRE(n > 0);
        buffer_.append(chunk, static_cast<std::size_t>(n));
      }
    }
    FAIL(method << ": no answer from the browser within 30 s");
    return {};
  }

  TempDir profile_;
  pid_t pid_ = -1;
  int out_ = -1;
  int in_ = -1;
  int last_id_ = 0;
  std::string buffer_;
  std::string session_;
};

std::string base_url(const ServeProcess& server) {
  return "http://127.0.0.1:" + std::to_string(server.port());
}

// Where screenshots go: KAVOSH_SCREENSHOTS if set (docs/ to update them),
// else the working directory.
fs::path screenshot_path(const std::string& name) {
  const char* dir = std::getenv("KAVOSH_SCREENSHOTS");
  return fs::path(dir != nullptr ? dir : ".") / name;
}

}  // namespace

TEST_CASE("a Persian query in the URL shows highlighted results, facets and articles",
          "[serve][browser]") {
  ServeProcess server;
  Browser browser;
  browser.viewport(1280, 1000, false);
  // "مترو تهران": the metro articles, the hostile ones among them.
  browser.open(base_url(server) + "/?q=%D9%85%D8%AA%D8%B1%D9%88%20%D8%AA%D9%87%D8%B1%D8%A7%D9%86");

  const nlohmann::json page = browser.eval(R"js(({
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    input: document.getElementById('q').value,
    titles: [...document.querySelectorAll('.hit .title')].map((e) => e.textContent),
    marks: [...document.querySelectorAll('.hit mark')].map((e) => e.textContent),
    bdi: document.querySelectorAll('.hit bdi').length,
    sources: [...document.querySelectorAll('.facet')][0].querySelectorAll('a').length,
    months: document.querySelectorAll('.facet').length,
    summary: document.getElementById('summary').textContent,
    images: document.images.length,
    scripts: [...document.scripts].map((s) => s.src),
    alerts: window.__alerts,
    links: [...document.querySelectorAll('a.original')].map((a) => a.href),
  }))js");
  INFO(page.dump(2));
  CHECK(page["dir"] == "rtl");
  CHECK(page["lang"] == "fa");
  CHECK(page["input"] == "مترو تهران");
  REQUIRE(page["titles"].size() >= 3);
  // The query's words, as the library found them in the original text.
  int exact_marks = 0;
  for (const auto& mark : page["marks"]) {
    CHECK_FALSE(mark.get<std::string>().empty());
    exact_marks += mark == "مترو" || mark == "تهران" ? 1 : 0;
  }
  CHECK(exact_marks >= 3);
  CHECK(page["bdi"].get<int>() > 0);
  CHECK(page["sources"].get<int>() > 0);
  CHECK(page["months"].get<int>() == 2);
  CHECK_THAT(page["summary"].get<std::string>(), Contains("نتیجه"));

  SECTION("hostile archive strings are shown as text, and run nothing") {
    bool script_title = false;
    for (const auto& title : page["titles"]) {
      script_title = script_title || title == "<script>alert(1)</script> مترو تهران";
    }
    CHECK(script_title);
    CHECK(page["images"] == 0);
    CHECK(page["scripts"].size() == 1);
    CHECK(page["alerts"].empty());
    // javascript:alert(3) never becomes a link.
    for (const auto& link : page["links"]) {
      CHECK_THAT(link.get<std::string>(), Catch::Matchers::StartsWith("http"));
    }
  }

  SECTION("near-duplicates are folded under their story, and listed when opened") {
    const nlohmann::json listed = browser.eval(R"js((async () => {
      const box = document.querySelector('.hit .similar');
      if (!box) {
        return -1;
      }
      box.open = true;
      for (let i = 0; i < 200; ++i) {
        const n = box.querySelectorAll('li a').length;
        if (n) {
          return n;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return 0;
    })())js");
    CHECK(listed.get<int>() > 0);
  }

  SECTION("a source facet filters on click, and the URL keeps it") {
    const std::string source =
        browser.eval("document.querySelector('.facet a .value').textContent");
    browser.act("document.querySelector('.facet a').click()");
    const nlohmann::json filtered = browser.eval(R"js(({
      search: decodeURIComponent(location.search),
      sources: [...document.querySelectorAll('.hit .source')].map((e) => e.textContent),
      chips: [...document.querySelectorAll('.chip')].map((e) => e.textContent),
    }))js");
    INFO(filtered.dump(2));
    CHECK_THAT(filtered["search"].get<std::string>(), Contains("source=" + source));
    REQUIRE(filtered["sources"].size() > 0);
    for (const auto& s : filtered["sources"]) {
      CHECK(s == source);
    }
    CHECK(filtered["chips"].size() == 1);
  }

  SECTION("a title opens the article whole, highlighted; back returns to the results") {
    const std::string title = browser.eval("document.querySelector('.hit .title a').textContent");
    browser.act("document.querySelector('.hit .title a').click()");
    const nlohmann::json article = browser.eval(R"js(({
      search: location.search,
      shown: !document.getElementById('view-article').hidden,
      results: !document.getElementById('view-results').hidden,
      title: document.querySelector('.article-title').textContent,
      paragraphs: document.querySelectorAll('.article .body p').length,
      marks: document.querySelectorAll('.article .body mark').length,
    }))js");
    INFO(article.dump(2));
    CHECK_THAT(article["search"].get<std::string>(), Contains("doc="));
    CHECK(article["shown"] == true);
    CHECK(article["results"] == false);
    CHECK(article["title"] == title);
    CHECK(article["paragraphs"].get<int>() > 0);
    CHECK(article["marks"].get<int>() > 0);
    browser.act("history.back()");
    CHECK(browser.eval("document.getElementById('view-results').hidden") == false);
    CHECK(browser.eval("document.querySelectorAll('.hit').length").get<int>() ==
          static_cast<int>(page["titles"].size()));
  }
}

TEST_CASE("the page at desktop and phone width", "[serve][browser][screenshot]") {
  ServeProcess server;
  Browser browser;
  // "رئیس‌جمهور روسیه" (with its half-space).
  const std::string url =
      base_url(server) +
      "/?q=%D8%B1%D8%A6%DB%8C%D8%B3%E2%80%8C%D8%AC%D9%85%D9%87%D9%88%D8%B1%20%D8%B1%D9%88%D8%B3"
      "%DB%8C%D9%87";
  browser.viewport(1280, 1000, false);
  browser.open(url);
  CHECK(browser.eval("document.querySelectorAll('.hit').length").get<int>() > 0);
  browser.screenshot(screenshot_path("serve-desktop.png"));
  browser.act("document.querySelector('.hit .title a').click()");
  CHECK(browser.eval("document.querySelectorAll('.article .body mark').length").get<int>() > 0);
  browser.screenshot(screenshot_path("serve-article.png"));

  browser.viewport(390, 844, true);
  browser.open(url);
  const nlohmann::json phone = browser.eval(R"js(({
    width: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
    hits: document.querySelectorAll('.hit').length,
    wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().width > 390)
        .map((e) => e.tagName + '.' + e.className),
  }))js");
  INFO(phone.dump());
  CHECK(phone["width"] == 390);
  // Nothing wider than the screen: no sideways scrolling.
  CHECK(phone["scroll"] == 390);
  CHECK(phone["hits"].get<int>() > 0);
  browser.screenshot(screenshot_path("serve-phone.png"));
}
