// The JSON API of kavosh-serve, apart from HTTP: each call takes a
// request's decoded parameters and gives a status and a JSON body.
#ifndef KAVOSH_SERVE_API_H_
#define KAVOSH_SERVE_API_H_

#include <string>
#include <string_view>

#include "kavosh/kavosh.h"
#include "serve/params.h"

namespace kavosh::serve {

struct Reply {
  int status = 200;
  std::string body;  // JSON, compact, ended by a newline
};

// Calls of /api/v1/. Errors are replies, never exceptions: 400 with the
// library's code for a bad query or parameter, 404 for an id that names no
// document, 503 when the index cannot be read (moved, damaged, rebuilt by
// another version), 500 for anything else. Safe to call from many threads
// at once, as Searcher is.
class Api {
 public:
  // `searcher` must outlive the Api.
  explicit Api(const Searcher& searcher) : searcher_(searcher) {}

  // /search: q and the options of serve::search_options(); the body is
  // kavosh-search --json's.
  Reply search(const Params& params) const;
  // /doc/ID: the article whole, as kavosh-search --show ID --json; q's
  // words highlighted.
  Reply document(std::string_view id, const Params& params) const;
  // /similar/ID: its near-duplicates; /like/ID: documents most like it.
  // The options of /search apply.
  Reply similar(std::string_view id, const Params& params) const;
  Reply like(std::string_view id, const Params& params) const;
  // /suggest: {"query", "suggestion", "total"}: did-you-mean for q.
  Reply suggest(const Params& params) const;
  // /stats: documents, sources with counts, years, first and last dates,
  // undated documents, index version.
  Reply stats(const Params& params) const;
  // /healthz: {"status": "ok", "documents": N}, or 503.
  Reply health() const;

 private:
  const Searcher& searcher_;
};

// A reply for errors outside the library's: {"error": {"code", "message"}}.
Reply error_reply(int status, std::string_view code, std::string_view message);

}  // namespace kavosh::serve

#endif  // KAVOSH_SERVE_API_H_
