//===- Baseline.cpp - OpenBLAS SGEMM and the unfused baseline -------------===//
//
// The softmax is the plain three-pass row loop (max, exp and sum, scale) with
// expf, the rows split evenly over std::threads. The GEMMs are OpenBLAS with
// as many threads as the rest of the harness.
//
//===----------------------------------------------------------------------===//

#include "bench/Baseline.h"
#include "bench/Timing.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

namespace hopfield::bench {

void setBlasThreads(int threads) { openblas_set_num_threads(threads); }

std::string blasCoreName() {
  const char *name = openblas_get_corename();
  return name ? name : "unknown";
}

bool blasMissesAvx512() {
  __builtin_cpu_init();
  bool cpuHasIt =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
      __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  std::string core = blasCoreName();
  bool blasUsesIt = core == "SkylakeX" || core == "CooperLake" ||
                    core == "SapphireRapids" || core == "Zen4";
  return cpuHasIt && !blasUsesIt;
}

SgemmResult measureSgemm(int64_t size, int warmup, int reps) {
  std::vector<float> a(size * size), b(size * size), c(size * size);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (float &v : a)
    v = uniform(rng);
  for (float &v : b)
    v = uniform(rng);
  const int n = static_cast<int>(size);
  std::vector<double> times = timeRepetitions(warmup, reps, [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                a.data(), n, b.data(), n, 0.0f, c.data(), n);
  });
  SgemmResult result;
  result.size = size;
  result.medianMs = median(times);
  result.gflops =
      gflops(2.0 * static_cast<double>(size) * size * size, result.medianMs);
  return result;
}

UnfusedBaseline::UnfusedBaseline(const RetrievalShape &shape, int threads)
    : shape(shape), threads(threads < 1 ? 1 : threads),
      scores(static_cast<size_t>(shape.n) * shape.n) {}

void UnfusedBaseline::softmaxRows(int64_t begin, int64_t end) {
  const int64_t n = shape.n;
  for (int64_t r = begin; r < end; ++r) {
    float *row = scores.data() + r * n;
    float rowMax = -std::numeric_limits<float>::infinity();
    for (int64_t j = 0; j < n; ++j)
      rowMax = row[j] > rowMax ? row[j] : rowMax;
    float sum = 0.0f;
    for (int64_t j = 0; j < n; ++j) {
      row[j] = expf(row[j] - rowMax);
      sum += row[j];
    }
    const float inv = 1.0f / sum;
    for (int64_t j = 0; j < n; ++j)
      row[j] *= inv;
  }
}

PhaseTimes UnfusedBaseline::run(const float *x, float *out) {
  const int n = static_cast<int>(shape.n);
  const int d = static_cast<int>(shape.d);
  const int64_t slice = shape.n * shape.d;
  PhaseTimes times;
  Clock::time_point runStart = Clock::now();
  for (int64_t b = 0; b < shape.batch; ++b) {
    const float *xb = x + b * slice;
    float *ob = out + b * slice;

    Clock::time_point start = Clock::now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, d, shape.beta,
                xb, d, xb, d, 0.0f, scores.data(), n);
    Clock::time_point afterGemm1 = Clock::now();

    std::vector<std::thread> workers;
    const int64_t chunk = (shape.n + threads - 1) / threads;
    for (int t = 1; t < threads; ++t) {
      int64_t begin = std::min<int64_t>(t * chunk, shape.n);
      int64_t end = std::min<int64_t>(begin + chunk, shape.n);
      workers.emplace_back([this, begin, end] { softmaxRows(begin, end); });
    }
    softmaxRows(0, std::min<int64_t>(chunk, shape.n));
    for (std::thread &worker : workers)
      worker.join();
    Clock::time_point afterSoftmax = Clock::now();

    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, d, n, 1.0f,
                scores.data(), n, xb, d, 0.0f, ob, d);
    Clock::time_point afterGemm2 = Clock::now();

    times.gemm1Ms += elapsedMs(start, afterGemm1);
    times.softmaxMs += elapsedMs(afterGemm1, afterSoftmax);
    times.gemm2Ms += elapsedMs(afterSoftmax, afterGemm2);
  }
  times.totalMs = elapsedMs(runStart, Clock::now());
  return times;
}

BaselineResult measureBaseline(UnfusedBaseline &baseline, const float *x,
                               float *out, int warmup, int reps) {
  for (int i = 0; i < warmup; ++i)
    baseline.run(x, out);
  std::vector<double> gemm1, softmax, gemm2, total;
  for (int i = 0; i < reps; ++i) {
    PhaseTimes times = baseline.run(x, out);
    gemm1.push_back(times.gemm1Ms);
    softmax.push_back(times.softmaxMs);
    gemm2.push_back(times.gemm2Ms);
    total.push_back(times.totalMs);
  }
  BaselineResult result;
  result.median.gemm1Ms = median(gemm1);
  result.median.softmaxMs = median(softmax);
  result.median.gemm2Ms = median(gemm2);
  result.median.totalMs = median(total);
  return result;
}

} // namespace hopfield::bench
