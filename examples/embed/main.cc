// search_news INDEX_DIR QUERY: prints the hits of QUERY, one a line:
// rank, Jalali date, source, id and title, separated by tabs.
#include <kavosh/kavosh.h>

#include <cstdio>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: search_news INDEX_DIR QUERY\n";
    return 2;
  }
  try {
    const kavosh::Searcher searcher = kavosh::Searcher::open(argv[1]);
    kavosh::SearchOptions options;
    options.limit = 20;
    const kavosh::Results results = searcher.search(argv[2], options);
    for (const kavosh::Hit& hit : results.hits) {
      std::cout << hit.rank << '\t' << hit.date_jalali << '\t' << hit.source << '\t' << hit.id
                << '\t' << hit.title << '\n';
    }
    return results.hits.empty() ? 1 : 0;
  } catch (const kavosh::Error& e) {
    std::cerr << "search_news: " << e.what() << '\n';
    return 2;
  }
}
