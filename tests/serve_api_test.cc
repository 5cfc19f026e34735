// kavosh-serve's JSON API, end to end: a server on a free loopback port,
// every endpoint, its statuses and errors, archive strings that would be
// markup, limits, the access log and a graceful stop.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/serve_test_server.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using kavosh::test::hostile_index;
using kavosh::test::run;
using kavosh::test::ServeProcess;
using kavosh::test::TempDir;

namespace {

struct Answer {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  httplib::Headers headers;
};

Answer get(const ServeProcess& server, const std::string& target) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60);
  const httplib::Result r = client.Get(target.c_str());
  REQUIRE(r);
  Answer a{r->status, nullptr, r->body, r->headers};
  if (r->get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    a.body = nlohmann::json::parse(r->body);
  }
  return a;
}

nlohmann::json search_cli(const std::vector<std::string>& extra) {
  std::vector<std::string> args{KAVOSH_SEARCH_BIN, "--index", hostile_index().string(), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const kavosh::test::Run r = run(args);
  INFO(r.err);
  REQUIRE(r.status <= 1);
  return nlohmann::json::parse(r.out);
}

// `doc` without the fields that differ from run to run.
nlohmann::json steady(nlohmann::json doc) {
  doc.erase("seconds");
  return doc;
}

// `text` percent-encoded for a path segment or a query value.
std::string encoded(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80) {
      out += c;
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

void check_error(const Answer& a, int status, const std::string& code) {
  INFO(a.raw);
  CHECK(a.status == status);
  REQUIRE(a.body.is_object());
  CHECK(a.body["error"]["code"] == code);
  CHECK_FALSE(a.body["error"]["message"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("/api/v1/search answers what kavosh-search --json prints", "[serve][api]") {
  ServeProcess server;
  SECTION("a Persian query, with facets") {
    const Answer a = get(
        server, "/api/v1/search?q=" + encoded("رئیس‌جمهور روسیه") + "&facets=1");
    CHECK(a.status == 200);
    CHECK_THAT(a.headers.find("Content-Type")->second, StartsWith("application/json"));
    CHECK(steady(a.body) ==
          steady(search_cli({"--facets", "--", "رئیس‌جمهور روسیه"})));
    CHECK(a.body["hits"].size() > 0);
    CHECK(a.body["facets"]["sources"].size() > 0);
  }
  SECTION("every option of the command line") {
    const std::string q = encoded("تهران");
    const Answer a = get(server, "/api/v1/search?q=" + q +
                                     "&from=1404/01&to=1404/12&source=" + encoded("ایلنا") +
                                     "&source=irna&sort=newest&limit=3&offset=1&collapse=0");
    CHECK(a.status == 200);
    CHECK(steady(a.body) ==
          steady(search_cli({"--from", "1404/01", "--to", "1404/12", "--source", "ایلنا",
                             "--source", "irna", "--sort", "newest", "--limit", "3", "--offset",
                             "1", "--no-collapse", "--", "تهران"})));
    CHECK(a.body["limit"] == 3);
    CHECK(a.body["offset"] == 1);
    CHECK(a.body["sort"] == "newest");
    const Answer recency = get(server, "/api/v1/search?q=" + q + "&recency=30&exact=true");
    CHECK(recency.status == 200);
    CHECK(steady(recency.body) == steady(search_cli({"--recency", "30", "--exact", "تهران"})));
  }
  SECTION("a misspelled query is searched as corrected, as on the command line") {
    const std::string typo = "تهرام";
    const Answer a = get(server, "/api/v1/search?q=" + encoded(typo));
    CHECK(a.status == 200);
    CHECK(steady(a.body) == steady(search_cli({typo})));
  }
}

TEST_CASE("/api/v1/doc/ID is the article whole, as kavosh-search --show --json", "[serve][api]") {
  ServeProcess server;
  const std::string id = "ilna/1404-09-21-pezeshkian-putin.txt";
  const Answer a = get(server, "/api/v1/doc/" + encoded(id) + "?q=" + encoded("پوتین"));
  CHECK(a.status == 200);
  CHECK(a.body == search_cli({"--show", id, "پوتین"}));
  CHECK(a.body["id"] == id);
  CHECK(a.body["body_highlights"].size() > 0);
  SECTION("an id with a slash, spaces, ? & and # in it, percent-encoded") {
    const Answer h = get(server, "/api/v1/doc/" + encoded("hostile/id ?&#"));
    CHECK(h.status == 200);
    CHECK(h.body["id"] == "hostile/id ?&#");
  }
}

TEST_CASE("similar, like, suggest, stats and healthz answer", "[serve][api]") {
  ServeProcess server;
  const std::string id = "ilna/1404-09-21-pezeshkian-putin.txt";
  SECTION("/api/v1/like/ID: documents most like it, itself left out") {
    const Answer a = get(server, "/api/v1/like/" + encoded(id) + "?limit=5");
    CHECK(a.status == 200);
    CHECK(steady(a.body) == steady(search_cli({"--like", id, "--limit", "5"})));
    for (const auto& hit : a.body["hits"]) {
      CHECK(hit["id"] != id);
    }
  }
  SECTION("/api/v1/similar/ID: its near-duplicate cluster") {
    const Answer a = get(server, "/api/v1/similar/" + encoded(id));
    CHECK(a.status == 200);
    CHECK(steady(a.body) == steady(search_cli({"--similar", id})));
  }
  SECTION("/api/v1/suggest: did you mean") {
    const Answer a = get(server, "/api/v1/suggest?q=" + encoded("تهرام"));
    CHECK(a.status == 200);
    CHECK(a.body["query"] == "تهرام");
    CHECK(a.body["suggestion"] == search_cli({"--exact", "تهرام"})["suggestion"]);
    CHECK_FALSE(a.body["suggestion"].get<std::string>().empty());
  }
  SECTION("/api/v1/stats: documents, sources, date range, index version") {
    const Answer a = get(server, "/api/v1/stats");
    CHECK(a.status == 200);
    CHECK(a.body["documents"] == 41);
    const nlohmann::json overview = search_cli({"--facets"});
    CHECK(a.body["sources"] == overview["facets"]["sources"]);
    CHECK(a.body["years"] == overview["facets"]["years"]);
    CHECK(a.body["date_first"]["jalali"] ==
          search_cli(
              {"--sort", "oldest", "--limit", "1", "--no-collapse"})["hits"][0]["date_jalali"]);
    CHECK(a.body["date_last"]["gregorian"] ==
          search_cli(
              {"--sort", "newest", "--limit", "1", "--no-collapse"})["hits"][0]["date_gregorian"]);
    CHECK(a.body["index_version"]["schema"].get<int>() > 0);
    CHECK(a.body["index_version"]["analyzer"].get<int>() > 0);
  }
  SECTION("/healthz") {
    const Answer a = get(server, "/healthz");
    CHECK(a.status == 200);
    CHECK(a.body["status"] == "ok");
    CHECK(a.body["documents"] == 41);
  }
}

TEST_CASE("errors are JSON with the library's code and the status that fits", "[serve][errors]") {
  ServeProcess server;
  SECTION("400 for a query the library cannot run") {
    check_error(get(server, "/api/v1/search"), 400, "bad_query");
    check_error(get(server, "/api/v1/search?q=" + encoded("«»!")), 400, "bad_query");
    check_error(get(server, "/api/v1/search?q=a&from=1404/13"), 400, "bad_query");
    check_error(get(server, "/api/v1/search?q=foo:bar"), 400, "bad_query");
    const Answer utf8 = get(server, "/api/v1/search?q=%D8%AA%FF");
    check_error(utf8, 400, "bad_query");
    CHECK(utf8.body["error"].contains("byte"));
    check_error(get(server, "/api/v1/suggest"), 400, "bad_query");
  }
  SECTION("400 naming the parameter that is wrong") {
    const Answer limit = get(server, "/api/v1/search?q=a&limit=ten");
    check_error(limit, 400, "bad_query");
    CHECK(limit.body["error"]["where"] == "limit");
    CHECK(get(server, "/api/v1/search?q=a&limit=101").body["error"]["where"] == "limit");
    CHECK(get(server, "/api/v1/search?q=a&offset=-1").body["error"]["where"] == "offset");
    CHECK(get(server, "/api/v1/search?q=a&sort=best").body["error"]["where"] == "sort");
    CHECK(get(server, "/api/v1/search?q=a&recency=0").body["error"]["where"] == "recency");
    CHECK(get(server, "/api/v1/search?q=a&facets=maybe").body["error"]["where"] == "facets");
    CHECK(get(server, "/api/v1/search?q=a&q=b").body["error"]["where"] == "q");
    CHECK(get(server, "/api/v1/search?q=a&limt=3").body["error"]["where"] == "limt");
    CHECK(get(server, "/api/v1/stats?x=1").status == 400);
  }
  SECTION("400 beyond the limits of one request") {
    const Answer q = get(server, "/api/v1/search?q=" + std::string(1025, 'a'));
    check_error(q, 400, "bad_query");
    CHECK(q.body["error"]["where"] == "q");
    std::string sources;
    for (int i = 0; i < 21; ++i) {
      sources += "&source=s" + std::to_string(i);
    }
    check_error(get(server, "/api/v1/search?q=a" + sources), 400, "bad_query");
    check_error(get(server, "/api/v1/search?q=a&source=" + std::string(300, 's')), 400,
                "bad_query");
    // Past the HTTP library's limit on the request line.
    const Answer huge = get(server, "/api/v1/search?q=" + std::string(9000, 'a'));
    CHECK(huge.status == 414);
  }
  SECTION("404 for an id that names no document") {
    const Answer unknown = get(server, "/api/v1/doc/no-such-article");
    check_error(unknown, 404, "not_found");
    CHECK(unknown.body["error"]["where"] == "id");
    CHECK_THAT(unknown.body["error"]["message"].get<std::string>(), Contains("no-such-article"));
    CHECK_THAT(unknown.body["error"]["message"].get<std::string>(), !StartsWith("--show"));
    check_error(get(server, "/api/v1/doc/no-such-article?q=" + encoded("تهران")), 404, "not_found");
    check_error(get(server, "/api/v1/similar/no-such-article"), 404, "not_found");
    check_error(get(server, "/api/v1/like/no-such-article"), 404, "not_found");
    // A known id with a bad option is the option's fault.
    check_error(get(server, "/api/v1/like/" + encoded("ilna/1404-09-21-pezeshkian-putin.txt") +
                                "?from=1404/13"),
                400, "bad_query");
  }
  SECTION("404 for a path that is not served, JSON too") {
    check_error(get(server, "/api/v1/nothing"), 404, "not_found");
    check_error(get(server, "/api/v2/search?q=a"), 404, "not_found");
    check_error(get(server, "/../etc/passwd"), 404, "not_found");
    httplib::Client client("127.0.0.1", server.port());
    const httplib::Result post = client.Post("/api/v1/search", "q=a", "text/plain");
    REQUIRE(post);
    CHECK(post->status >= 400);
  }
}

TEST_CASE("an index that becomes unreadable gives 503, and the server keeps running",
          "[serve][errors]") {
  TempDir tmp;
  const fs::path index = tmp / "index";
  REQUIRE(run({"/bin/cp", "-r", hostile_index().string(), index.string()}).status == 0);
  ServeProcess server(index);
  CHECK(get(server, "/api/v1/search?q=" + encoded("تهران")).status == 200);
  fs::rename(index, tmp / "moved");
  // Handles are reopened as they are taken: the next searches find nothing.
  const Answer gone = get(server, "/api/v1/search?q=" + encoded("تهران"));
  CHECK(gone.status == 503);
  CHECK(gone.body["error"]["code"] != "bad_query");
  CHECK(get(server, "/healthz").status == 503);
  fs::rename(tmp / "moved", index);
  CHECK(get(server, "/api/v1/search?q=" + encoded("تهران")).status == 200);
  CHECK(get(server, "/healthz").status == 200);
}

TEST_CASE("archive strings that look like markup stay strings", "[serve][security]") {
  ServeProcess server;
  const Answer a = get(server, "/api/v1/search?q=" + encoded("مترو تهران") + "&limit=20");
  REQUIRE(a.status == 200);
  bool script = false;
  bool image = false;
  for (const auto& hit : a.body["hits"]) {
    script = script || hit["title"] == "<script>alert(1)</script> مترو تهران";
    image = image || hit["title"] == "\"><img src=x onerror=alert(4)> مترو";
    if (hit["id"] == "hostile-script") {
      CHECK(hit["source"] == "\"><img src=x onerror=alert(2)>");
      CHECK(hit["url"] == "javascript:alert(3)");
    }
  }
  CHECK(script);
  CHECK(image);
  SECTION("the JSON is served as JSON, never sniffed as HTML") {
    CHECK_THAT(a.headers.find("Content-Type")->second, StartsWith("application/json"));
    CHECK(a.headers.find("X-Content-Type-Options")->second == "nosniff");
  }
  SECTION("the page forbids inline script and loads nothing from elsewhere") {
    const Answer page = get(server, "/");
    CHECK(page.status == 200);
    CHECK_THAT(page.headers.find("Content-Type")->second, StartsWith("text/html"));
    const std::string csp = page.headers.find("Content-Security-Policy")->second;
    CHECK_THAT(csp, Contains("script-src 'self'"));
    CHECK_THAT(csp, Contains("default-src 'none'"));
    CHECK_THAT(csp, !Contains("unsafe-inline"));
    CHECK_THAT(page.raw, Contains("dir=\"rtl\""));
    CHECK_THAT(page.raw, Contains("lang=\"fa\""));
    CHECK_THAT(page.raw, !Contains("<script>"));
    CHECK_THAT(page.raw, !Contains("http"));
    CHECK(get(server, "/app.js").status == 200);
    CHECK(get(server, "/style.css").status == 200);
    // A query in the URL is never written into the page by the server.
    const Answer echoed = get(server, "/?q=%3Cscript%3Ealert(9)%3C/script%3E");
    CHECK(echoed.raw == page.raw);
  }
  SECTION("the script builds the page from text nodes only") {
    const Answer js = get(server, "/app.js");
    CHECK_THAT(js.raw, !Contains("innerHTML"));
    CHECK_THAT(js.raw, !Contains("outerHTML"));
    CHECK_THAT(js.raw, !Contains("insertAdjacentHTML"));
    CHECK_THAT(js.raw, !Contains("document.write"));
    CHECK_THAT(js.raw, !Contains("eval("));
  }
}

TEST_CASE("one access-log line a request, and SIGTERM stops the server cleanly",
          "[serve][operations]") {
  ServeProcess server;
  CHECK(get(server, "/api/v1/search?q=" + encoded("تهران")).status == 200);
  CHECK(get(server, "/api/v1/doc/nothing").status == 404);
  CHECK(server.stop(SIGTERM) == 0);
  const std::string log = server.log();
  CHECK_THAT(log, Contains(" GET /api/v1/search 200 "));
  CHECK_THAT(log, Contains(" GET /api/v1/doc/nothing 404 "));
  CHECK_THAT(log, Contains("ms\n"));
  // Readers' queries are not logged.
  CHECK_THAT(log, !Contains("تهران"));
  CHECK_THAT(log, Contains("stopped"));
}

TEST_CASE("SIGINT lets a request in flight finish", "[serve][operations]") {
  ServeProcess server;
  httplib::Client client("127.0.0.1", server.port());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    kill(server.pid(), SIGINT);
  });
  // A search that takes a moment: facets over every document.
  const httplib::Result r = client.Get("/api/v1/search?facets=1&limit=100&sort=newest");
  stopper.join();
  if (r) {
    CHECK(r->status == 200);
  }
  CHECK(server.wait() == 0);
}

TEST_CASE("kavosh-serve refuses what it cannot serve, like the other programs",
          "[serve][operations]") {
  TempDir tmp;
  const kavosh::test::Run missing = run({KAVOSH_SERVE_BIN, "--index", (tmp / "none").string()});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, StartsWith("kavosh-serve: error: "));
  const kavosh::test::Run address =
      run({KAVOSH_SERVE_BIN, "--index", hostile_index().string(), "--listen", "nowhere"});
  CHECK(address.status == 2);
  CHECK_THAT(address.err, Contains("--listen"));
  SECTION("beyond loopback it warns that there is no authentication") {
    ServeProcess open_server(hostile_index(), "0.0.0.0:0");
    CHECK_THAT(open_server.log(), Contains("no authentication"));
    CHECK(get(open_server, "/healthz").status == 200);
  }
}
