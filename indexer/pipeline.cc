#include "indexer/pipeline.h"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "indexer/doc_builder.h"
#include "indexer/index_store.h"

namespace kavosh {

struct Pipeline::Step {
  enum class Kind { kArticle, kFileRead, kFileFailed, kFileUnchanged };

  Kind kind = Kind::kArticle;
  std::size_t bytes = 0;  // counted against max_in_flight_bytes
  // kArticle
  Article article;
  std::string hash;
  bool update = false;            // replaces an indexed version
  bool ready = false;             // analyzed (or nothing to analyze)
  std::optional<BuiltDoc> built;  // set by an analysis thread
  std::exception_ptr error;       // or this
  // Files; for an article, where it was read (the article itself is moved
  // into analysis)
  std::string path;
  std::uint64_t line = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

Pipeline::Pipeline(IndexStore& store, const PipelineOptions& options)
    : store_(store), options_(options) {
  try {
    const std::size_t jobs = options_.jobs == 0 ? 1 : options_.jobs;
    for (std::size_t i = 0; i < jobs; ++i) {
      analyzers_.emplace_back([this] { analyze_loop(); });
    }
    writer_ = std::thread([this] { write_loop(); });
  } catch (...) {
    stop_threads();
    throw;
  }
}

Pipeline::~Pipeline() { stop_threads(); }

void Pipeline::stop_threads() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  writer_wakeup_.notify_all();
  work_.notify_all();
  space_.notify_all();
  if (writer_.joinable()) {
    writer_.join();
  }
  for (std::thread& thread : analyzers_) {
    if (thread.joinable()) {
      thread.join();
    }
  }
}

void Pipeline::add_article(Article&& article) {
  auto step = std::make_unique<Step>();
  step->kind = Step::Kind::kArticle;
  step->bytes = article.title.size() + article.body.size();
  step->hash = content_hash(article);
  step->path = article.path;
  step->line = article.line;
  step->article = std::move(article);
  push(std::move(step));
}

void Pipeline::add_file(const CorpusFile& file, bool read_in_full) {
  auto step = std::make_unique<Step>();
  step->kind = read_in_full ? Step::Kind::kFileRead : Step::Kind::kFileFailed;
  step->path = file.relative;
  step->size = file.size;
  step->mtime_ns = file.mtime_ns;
  push(std::move(step));
}

void Pipeline::add_unchanged_file(const std::string& path) {
  auto step = std::make_unique<Step>();
  step->kind = Step::Kind::kFileUnchanged;
  step->path = path;
  push(std::move(step));
}

void Pipeline::push(std::unique_ptr<Step> step) {
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] {
    return error_ || stopping_ || in_flight_ == 0 ||
           (in_flight_ < options_.max_in_flight &&
            in_flight_bytes_ + step->bytes <= options_.max_in_flight_bytes);
  });
  if (error_) {
    std::rethrow_exception(error_);
  }
  ++in_flight_;
  in_flight_bytes_ += step->bytes;
  undecided_.push_back(std::move(step));
  lock.unlock();
  writer_wakeup_.notify_one();
}

void Pipeline::finish() {
  {
    std::lock_guard lock(mutex_);
    input_done_ = true;
  }
  writer_wakeup_.notify_one();
  if (writer_.joinable()) {
    writer_.join();
  }
  stop_threads();
  if (error_) {
    std::rethrow_exception(error_);
  }
}

void Pipeline::fail(std::exception_ptr error) {
  {
    std::lock_guard lock(mutex_);
    if (!error_) {
      error_ = std::move(error);
    }
    stopping_ = true;
  }
  work_.notify_all();
  space_.notify_all();
}

void Pipeline::write_loop() {
  const FeaturesScope scope(options_.features);
  try {
    for (;;) {
      std::unique_ptr<Step> step;
      bool to_decide = false;
      {
        std::unique_lock lock(mutex_);
        writer_wakeup_.wait(lock, [&] {
          return stopping_ || !undecided_.empty() ||
                 (!decided_.empty() && decided_.front()->ready) ||
                 (input_done_ && decided_.empty());
        });
        if (stopping_) {
          return;
        }
        // Deciding first keeps the analysis threads fed; it costs one
        // SQLite lookup.
        if (!undecided_.empty()) {
          step = std::move(undecided_.front());
          undecided_.pop_front();
          to_decide = true;
        } else if (!decided_.empty() && decided_.front()->ready) {
          step = std::move(decided_.front());
          decided_.pop_front();
        } else {
          return;  // input done, everything written
        }
      }
      if (to_decide) {
        decide(std::move(step));
        continue;
      }
      apply(*step);
      {
        std::lock_guard lock(mutex_);
        --in_flight_;
        in_flight_bytes_ -= step->bytes;
      }
      space_.notify_one();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void Pipeline::decide(std::unique_ptr<Step> step) {
  bool analyze = false;
  if (step->kind == Step::Kind::kArticle) {
    // Rows this run has changed are never looked up here: the reader passes
    // each id once, so the answer is the one a sequential run would get.
    const auto stored = store_.find(step->article.id);
    const bool other_root = stored && stored->root != store_.root();
    if (other_root && options_.reporter != nullptr) {
      options_.reporter->skipped(
          step->article.path, step->article.line,
          fmt::format("id \"{}\" is indexed from another corpus root", step->article.id));
    }
    if (other_root || (stored && stored->hash == step->hash) || options_.dry_run) {
      if (!other_root) {
        if (stored && stored->hash == step->hash) {
          unchanged_.fetch_add(1, std::memory_order_relaxed);
        } else {
          (stored ? updated_ : added_).fetch_add(1, std::memory_order_relaxed);
          (stored ? would_update_ : would_add_).push_back(step->article.id);
        }
      }
      {
        std::lock_guard lock(mutex_);
        --in_flight_;
        in_flight_bytes_ -= step->bytes;
      }
      space_.notify_one();
      return;
    }
    step->update = stored.has_value();
    analyze = true;
  } else {
    step->ready = true;
  }
  {
    std::lock_guard lock(mutex_);
    if (analyze) {
      to_analyze_.push_back(step.get());
    }
    decided_.push_back(std::move(step));
  }
  if (analyze) {
    work_.notify_one();
  }
}

void Pipeline::apply(Step& step) {
  switch (step.kind) {
    case Step::Kind::kArticle:
      if (step.error) {
        skip_failed(step);
        break;
      }
      store_.put(std::move(*step.built));
      (step.update ? updated_ : added_).fetch_add(1, std::memory_order_relaxed);
      if (store_.pending() >= options_.batch_size) {
        store_.commit();
      }
      break;
    case Step::Kind::kFileRead:
      if (options_.dry_run) {
        break;
      }
      if (failed_paths_.count(step.path) > 0) {
        store_.forget_file(step.path);
      } else {
        store_.remember_file(step.path, step.size, step.mtime_ns);
      }
      break;
    case Step::Kind::kFileFailed:
      if (!options_.dry_run) {
        store_.forget_file(step.path);
      }
      break;
    case Step::Kind::kFileUnchanged:
      unchanged_.fetch_add(store_.documents_in(step.path), std::memory_order_relaxed);
      break;
  }
}

// An article whose analysis failed (out of memory on a huge article, say)
// is left out, and its indexed version, if any, kept.
void Pipeline::skip_failed(Step& step) {
  std::string reason;
  try {
    std::rethrow_exception(step.error);
  } catch (const std::bad_alloc&) {
    reason = "out of memory analyzing the article";
  } catch (const std::exception& e) {
    reason = std::string("cannot analyze the article: ") + e.what();
  }
  failed_paths_.insert(step.path);
  if (options_.reporter != nullptr) {
    options_.reporter->skipped(step.path, step.line, reason);
  }
}

void Pipeline::analyze_loop() {
  const FeaturesScope scope(options_.features);
  for (;;) {
    Step* step = nullptr;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !to_analyze_.empty(); });
      if (stopping_) {
        return;
      }
      step = to_analyze_.front();
      to_analyze_.pop_front();
    }
    // The step stays in decided_, which only the writer pops, and only once
    // it is ready: it outlives this use.
    try {
      step->built.emplace(build_document(std::move(step->article), std::move(step->hash)));
    } catch (...) {
      step->error = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      step->ready = true;
    }
    writer_wakeup_.notify_one();
  }
}

}  // namespace kavosh
