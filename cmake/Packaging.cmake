# The Debian package: `cpack -G DEB` in the build directory writes
# kavosh_VERSION_ARCH.deb with what `cmake --install` installs (the programs,
# libkavosh_searcher, its headers, the CMake and pkg-config files, the man
# pages and the shell completion) under /usr. dpkg-shlibdeps (dpkg-dev)
# reads the binaries for the Depends line, so it names the libraries the
# build linked, at the versions this system has.
set(KAVOSH_PACKAGE_MAINTAINER "Kavosh maintainers <maintainers@kavosh.invalid>" CACHE STRING
    "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kavosh)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY ${PROJECT_DESCRIPTION})
set(CPACK_PACKAGE_DESCRIPTION [[
Kavosh indexes a directory of Persian news articles (.txt, .json, .jsonl,
gzipped or not) and answers ranked queries, normalizing Persian the way
readers type it: Arabic or Persian yeh and kaf, half-space or none, Persian
or ASCII digits, diacritics. kavosh-index builds and updates the index,
kavosh-search searches it from the terminal or as JSON, and kavosh-serve
serves a JSON API and a Persian search page. libkavosh_searcher, with its
headers and CMake and pkg-config files, embeds the searcher in C++ programs.]])
set(CPACK_PACKAGE_CONTACT ${KAVOSH_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# RelWithDebInfo's debug information would triple the package.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The programs link the package's own libkavosh_searcher.so.N: a shlibs
# file for it, and ldconfig run on install and removal.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)

include(CPack)
