// The files of the web page (serve/web/), built into the binary so that the
// server needs nothing beside it and the page nothing from the network.
#ifndef KAVOSH_SERVE_WEB_ASSETS_H_
#define KAVOSH_SERVE_WEB_ASSETS_H_

#include <string_view>

namespace kavosh::serve {

struct Asset {
  std::string_view path;  // as requested: "/app.js"
  std::string_view type;  // Content-Type
  std::string_view data;
};

// The asset served at `path`, or nullptr. "/" is "/index.html".
const Asset* find_asset(std::string_view path);

}  // namespace kavosh::serve

#endif  // KAVOSH_SERVE_WEB_ASSETS_H_
