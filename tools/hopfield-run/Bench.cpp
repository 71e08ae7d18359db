//===- Bench.cpp - The --bench mode of hopfield-run -----------------------===//
//
// Each timed run includes the runtime's input checks and output allocation,
// as an application calling hopfield_run would see it. For a CUDA artifact
// the GPU time of each run, measured with CUDA events by the runtime
// (hopfield_last_gpu_time_ms: the run's stream from the copies in to the
// copies out), is reported too; the warm-up run (module load) is excluded
// from both.
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

  const bool gpu = artifact.target() == "cuda";
  std::vector<double> times, gpuTimes;
  times.reserve(static_cast<size_t>(runs));
  Clock::time_point start = Clock::now();
  Clock::time_point lastReport = start;
  for (long i = 0; i < runs; ++i) {
    Clock::time_point before = Clock::now();
    artifact.run(inputs);
    Clock::time_point after = Clock::now();
    times.push_back(
        std::chrono::duration<double, std::milli>(after - before).count());
    double gpuMs = 0;
    if (gpu && hopfield_last_gpu_time_ms(&gpuMs) == HOPFIELD_OK)
      gpuTimes.push_back(gpuMs);
    if (progress && after - lastReport > std::chrono::milliseconds(500)) {
      std::fprintf(stderr, "\rbench: run %ld/%ld", i + 1, runs);
      std::fflush(stderr);
      lastReport = after;
    }
  }
  if (progress && lastReport != start)
    std::fputs("\r\033[K", stderr);

  auto medianOf = [](std::vector<double> &values) {
    std::sort(values.begin(), values.end());
    size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid]
                             : 0.5 * (values[mid - 1] + values[mid]);
  };
  double median = medianOf(times);
  std::fprintf(file, "bench: %ld runs of '%s'\n", runs,
               artifact.model().c_str());
  std::fprintf(file, "min_ms: %.6f\n", times.front());
  if (flops) {
    std::fprintf(file, "flops: %.6g\n", *flops);
    std::fprintf(file, "gflops_per_s: %.3f\n", *flops / median / 1e6);
  }
  std::fprintf(file, "median_ms: %.6f\n", median);
  if (gpu && gpuTimes.size() == times.size()) {
    double gpuMedian = medianOf(gpuTimes);
    std::fprintf(file, "gpu_min_ms: %.6f\n", gpuTimes.front());
    std::fprintf(file, "gpu_median_ms: %.6f\n", gpuMedian);
    if (flops)
      std::fprintf(file, "gpu_gflops_per_s: %.3f\n", *flops / gpuMedian / 1e6);
  } else if (gpu) {
    std::fprintf(file, "gpu_median_ms: unavailable (%zu of %zu runs timed "
                       "by CUDA events)\n",
                 gpuTimes.size(), times.size());
  }
}

} // namespace hopfield::run
