// Kavosh: full-text search for Persian news archives. Include this header.
#ifndef KAVOSH_KAVOSH_H_
#define KAVOSH_KAVOSH_H_

#include "kavosh/error.h"
#include "kavosh/searcher.h"
#include "kavosh/version.h"

#endif  // KAVOSH_KAVOSH_H_
