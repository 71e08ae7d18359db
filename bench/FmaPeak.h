//===- FmaPeak.h - FP32 FMA throughput of the machine -----------*- C++ -*-===//
//
// The compute ceiling the harness reports every other result against: one
// thread per core, each running many independent chains of packed FP32 FMAs
// (AVX-512 when the CPU has it, else AVX2 + FMA), so that the FMA units never
// wait for a result.
//
//===----------------------------------------------------------------------===//

#ifndef BENCH_FMAPEAK_H
#define BENCH_FMAPEAK_H

#include <cstdint>
#include <string>

namespace hopfield::bench {

/// What the FMA microbenchmark measured.
struct FmaPeakResult {
  /// "avx512f" or "avx2+fma".
  std::string isa;
  int threads = 0;
  /// Independent accumulator chains per thread and FP32 lanes per vector.
  int chains = 0;
  int lanes = 0;
  /// Loop iterations per thread in one timed run (each runs `chains` FMAs).
  int64_t iterations = 0;
  double medianMs = 0.0;
  /// 2 flops per lane per FMA, over all threads.
  double gflops = 0.0;
};

/// Whether the CPU can run the AVX-512 or the AVX2 kernel.
bool hasFmaKernel();

/// Measures FP32 FMA throughput with `threads` threads: calibrates the
/// iteration count so one run takes about 100 ms, then runs `warmup` untimed
/// and `reps` timed runs and reports the median. Throws std::runtime_error if
/// the CPU has neither AVX-512F nor AVX2 + FMA.
FmaPeakResult measureFmaPeak(int threads, int warmup, int reps);

} // namespace hopfield::bench

#endif // BENCH_FMAPEAK_H
