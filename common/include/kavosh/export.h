// Symbol visibility for the kavosh_searcher library (common/ objects are
// built into it: kavosh::Error is defined there).
#ifndef KAVOSH_EXPORT_H_
#define KAVOSH_EXPORT_H_

#if defined(KAVOSH_SHARED_LIBRARY) && defined(KAVOSH_COMPILING_LIBRARY)
#define KAVOSH_EXPORT __attribute__((visibility("default")))
#else
#define KAVOSH_EXPORT
#endif

#endif  // KAVOSH_EXPORT_H_
