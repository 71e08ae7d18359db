//===- Timing.h - Wall-clock timing helpers of hopfield-bench ---*- C++ -*-===//
//
// Every measurement of the harness runs its work a few times untimed (warm-up:
// page faults, thread pools, caches), then times each repetition with
// std::chrono::steady_clock and reports the median.
//
//===----------------------------------------------------------------------===//

#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <algorithm>
#include <chrono>
#include <vector>

namespace hopfield::bench {

using Clock = std::chrono::steady_clock;

/// Milliseconds between two time points.
inline double elapsedMs(Clock::time_point start, Clock::time_point end) {
  return std::chrono::duration<double, std::milli>(end - start).count();
}

/// The median of `values` (0 when empty).
inline double median(std::vector<double> values) {
  if (values.empty())
    return 0.0;
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid]
                           : 0.5 * (values[mid - 1] + values[mid]);
}

/// Calls `work` `warmup` times, then `reps` times timing each call; returns
/// the times in milliseconds.
template <typename Work>
std::vector<double> timeRepetitions(int warmup, int reps, Work &&work) {
  for (int i = 0; i < warmup; ++i)
    work();
  std::vector<double> times;
  times.reserve(reps);
  for (int i = 0; i < reps; ++i) {
    Clock::time_point start = Clock::now();
    work();
    times.push_back(elapsedMs(start, Clock::now()));
  }
  return times;
}

/// GFLOP/s of `flops` floating-point operations done in `ms` milliseconds.
inline double gflops(double flops, double ms) {
  return ms > 0.0 ? flops / (ms * 1.0e6) : 0.0;
}

} // namespace hopfield::bench

#endif // BENCH_TIMING_H
