//===- Bench.cpp - The --bench mode of hopfield-run -----------------------===//
//
// Each timed run includes the runtime's input checks and output allocation,
// as an application calling hopfield_run would see it.
//
//===----------------------------------------------------------------------===//

#include "tools/hopfield-run/Bench.h"
#include "tools/hopfield-run/Flops.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace hopfield::run {

void bench(const Artifact &artifact, const std::vector<Tensor> &inputs,
           long runs, std::FILE *file) {
  using Clock = std::chrono::steady_clock;
  bool progress = isatty(STDERR_FILENO);
  std::vector<Tensor> warmUp = artifact.run(inputs);
  std::optional<double> flops = nominalFlops(artifact, inputs, warmUp);

  std::vector<double> times;
  times.reserve(static_cast<size_t>(runs));
  Clock::time_point start = Clock::now();
  Clock::time_point lastReport = start;
  for (long i = 0; i < runs; ++i) {
    Clock::time_point before = Clock::now();
    artifact.run(inputs);
    Clock::time_point after = Clock::now();
    times.push_back(
        std::chrono::duration<double, std::milli>(after - before).count());
    if (progress && after - lastReport > std::chrono::milliseconds(500)) {
      std::fprintf(stderr, "\rbench: run %ld/%ld", i + 1, runs);
      std::fflush(stderr);
      lastReport = after;
    }
  }
  if (progress && lastReport != start)
    std::fputs("\r\033[K", stderr);

  std::sort(times.begin(), times.end());
  size_t mid = times.size() / 2;
  double median =
      times.size() % 2 ? times[mid] : 0.5 * (times[mid - 1] + times[mid]);
  std::fprintf(file, "bench: %ld runs of '%s'\n", runs,
               artifact.model().c_str());
  std::fprintf(file, "min_ms: %.6f\n", times.front());
  if (flops) {
    std::fprintf(file, "flops: %.6g\n", *flops);
    std::fprintf(file, "gflops_per_s: %.3f\n", *flops / median / 1e6);
  }
  std::fprintf(file, "median_ms: %.6f\n", median);
}

} // namespace hopfield::run
