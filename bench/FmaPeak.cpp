//===- FmaPeak.cpp - FP32 FMA throughput of the machine -------------------===//
//
// Each thread updates `chains` independent vector accumulators with
// acc = acc * a + b. With a = 1 - 2^-20 and b = 2^-20 every accumulator moves
// towards 1, so values stay normal and finite however long the loop runs.
// The chains outnumber what FMA latency times the number of FMA units needs
// (4 cycles x 2 units on current x86 cores), and fit in the register file
// with the two constants: 16 zmm of 32, 12 ymm of 16. The kernel is chosen at
// run time with __builtin_cpu_supports; each is compiled for its ISA with a
// target attribute, so the binary itself needs no -m flags.
//
//===----------------------------------------------------------------------===//

#include "bench/FmaPeak.h"
#include "bench/Timing.h"

#include <immintrin.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace hopfield::bench {
namespace {

constexpr int kAvx512Chains = 16;
constexpr int kAvx2Chains = 12;
constexpr float kMul = 1.0f - 1.0f / (1 << 20);
constexpr float kAdd = 1.0f / (1 << 20);

/// Runs `iterations` x 16 dependent-chain FMAs on 16 FP32 lanes and returns
/// a sum of the accumulators (so the work cannot be optimised away).
__attribute__((target("avx512f"), noinline)) float
fmaKernelAvx512(int64_t iterations) {
  __m512 acc[kAvx512Chains];
  for (int k = 0; k < kAvx512Chains; ++k)
    acc[k] = _mm512_set1_ps(0.5f + 0.01f * static_cast<float>(k));
  const __m512 mul = _mm512_set1_ps(kMul);
  const __m512 add = _mm512_set1_ps(kAdd);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int k = 0; k < kAvx512Chains; ++k)
      acc[k] = _mm512_fmadd_ps(acc[k], mul, add);
  }
  __m512 sum = acc[0];
  for (int k = 1; k < kAvx512Chains; ++k)
    sum = _mm512_add_ps(sum, acc[k]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, sum);
  float total = 0.0f;
  for (float lane : lanes)
    total += lane;
  return total;
}

/// The AVX2 + FMA form: 12 chains on 8 FP32 lanes.
__attribute__((target("avx2,fma"), noinline)) float
fmaKernelAvx2(int64_t iterations) {
  __m256 acc[kAvx2Chains];
  for (int k = 0; k < kAvx2Chains; ++k)
    acc[k] = _mm256_set1_ps(0.5f + 0.01f * static_cast<float>(k));
  const __m256 mul = _mm256_set1_ps(kMul);
  const __m256 add = _mm256_set1_ps(kAdd);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
    for (int k = 0; k < kAvx2Chains; ++k)
      acc[k] = _mm256_fmadd_ps(acc[k], mul, add);
  }
  __m256 sum = acc[0];
  for (int k = 1; k < kAvx2Chains; ++k)
    sum = _mm256_add_ps(sum, acc[k]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  float total = 0.0f;
  for (float lane : lanes)
    total += lane;
  return total;
}

using Kernel = float (*)(int64_t);

/// Runs `kernel` on `threads` threads at once and returns the wall time in
/// milliseconds from the first start to the last finish.
double runOnAllThreads(Kernel kernel, int threads, int64_t iterations) {
  std::vector<float> sinks(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  Clock::time_point start = Clock::now();
  for (int t = 0; t < threads; ++t)
    workers.emplace_back(
        [&sinks, kernel, iterations, t] { sinks[t] = kernel(iterations); });
  for (std::thread &worker : workers)
    worker.join();
  double ms = elapsedMs(start, Clock::now());
  // Results are consumed so the kernels stay live.
  volatile float sink = 0.0f;
  for (float value : sinks)
    sink = sink + value;
  (void)sink;
  return ms;
}

} // namespace

bool hasFmaKernel() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ||
         (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"));
}

FmaPeakResult measureFmaPeak(int threads, int warmup, int reps) {
  __builtin_cpu_init();
  FmaPeakResult result;
  Kernel kernel = nullptr;
  if (__builtin_cpu_supports("avx512f")) {
    result.isa = "avx512f";
    result.chains = kAvx512Chains;
    result.lanes = 16;
    kernel = fmaKernelAvx512;
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    result.isa = "avx2+fma";
    result.chains = kAvx2Chains;
    result.lanes = 8;
    kernel = fmaKernelAvx2;
  } else {
    throw std::runtime_error(
        "the FMA peak needs AVX-512F or AVX2 + FMA, and this CPU has neither");
  }
  result.threads = threads;

  // Calibrate: double the work until one run takes at least 100 ms.
  int64_t iterations = int64_t(1) << 16;
  while (runOnAllThreads(kernel, threads, iterations) < 100.0 &&
         iterations < (int64_t(1) << 40))
    iterations *= 2;
  result.iterations = iterations;

  std::vector<double> times = timeRepetitions(warmup, reps, [&] {
    return runOnAllThreads(kernel, threads, iterations);
  });
  result.medianMs = median(times);
  double flops = 2.0 * result.lanes * result.chains *
                 static_cast<double>(iterations) * threads;
  result.gflops = gflops(flops, result.medianMs);
  return result;
}

} // namespace hopfield::bench
