# Writes OUT, a C++ file defining kavosh::serve::find_asset() over the files
# FILES (a list of names in the folder WEB), as bytes.
#   cmake -DWEB=dir -DFILES="index.html;app.js" -DOUT=web_assets.cc -P embed.cmake
set(cc "// Made by serve/embed.cmake from serve/web/ at build time.\n")
string(APPEND cc "#include \"serve/web_assets.h\"\n\nnamespace kavosh::serve {\nnamespace {\n\n")
set(table "")
set(n 0)
foreach(name IN LISTS FILES)
  file(READ "${WEB}/${name}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(APPEND cc "const unsigned char k${n}[] = {\n${bytes}0};\n\n")
  if(name MATCHES "\\.html$")
    set(type "text/html; charset=utf-8")
  elseif(name MATCHES "\\.js$")
    set(type "text/javascript; charset=utf-8")
  elseif(name MATCHES "\\.css$")
    set(type "text/css; charset=utf-8")
  elseif(name MATCHES "\\.svg$")
    set(type "image/svg+xml")
  elseif(name MATCHES "\\.woff2$")
    set(type "font/woff2")
  else()
    set(type "text/plain; charset=utf-8")
  endif()
  string(APPEND table "    {\"/${name}\", \"${type}\",\n     {reinterpret_cast<const char*>(k${n}), ${size}}},\n")
  math(EXPR n "${n} + 1")
endforeach()
string(APPEND cc "const Asset kAssets[] = {\n${table}};\n\n}  // namespace\n\n")
string(APPEND cc "const Asset* find_asset(std::string_view path) {
  if (path == \"/\") {
    path = \"/index.html\";
  }
  for (const Asset& asset : kAssets) {
    if (asset.path == path) {
      return &asset;
    }
  }
  return nullptr;
}

}  // namespace kavosh::serve
")
file(WRITE "${OUT}.tmp" "${cc}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
