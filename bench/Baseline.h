//===- Baseline.h - OpenBLAS SGEMM and the unfused baseline -----*- C++ -*-===//
//
// Two OpenBLAS measurements: a large square SGEMM (the tuned-GEMM ceiling)
// and the unfused self-retrieval baseline, per batch element
//   S = beta * X X^T (cblas_sgemm), P = row softmax(S), O = P X (cblas_sgemm),
// which materialises the N x N score matrix that the fused kernel avoids.
//
//===----------------------------------------------------------------------===//

#ifndef BENCH_BASELINE_H
#define BENCH_BASELINE_H

#include <cstdint>
#include <string>
#include <vector>

namespace hopfield::bench {

/// Sets the number of threads OpenBLAS uses.
void setBlasThreads(int threads);

/// The kernel family OpenBLAS chose for this CPU ("Haswell", "SkylakeX", ...).
std::string blasCoreName();

/// Whether OpenBLAS runs AVX2 kernels on a CPU that has the AVX-512 subset
/// (F, CD, BW, DQ, VL) of its SkylakeX kernels. OpenBLAS 0.3.21 does this on
/// AMD Zen 4 and Zen 5, which it does not know, and so reaches about half of
/// the GEMM throughput it can.
bool blasMissesAvx512();

/// What the SGEMM measurement found.
struct SgemmResult {
  int64_t size = 0;
  double medianMs = 0.0;
  /// 2 * size^3 flops.
  double gflops = 0.0;
};

/// Times C = A B for random `size` x `size` FP32 matrices.
SgemmResult measureSgemm(int64_t size, int warmup, int reps);

/// The shape of one self-retrieval problem: X is [batch, n, d].
struct RetrievalShape {
  int64_t batch = 0;
  int64_t n = 0;
  int64_t d = 0;
  float beta = 0.0f;
};

/// Milliseconds spent in each phase of one unfused run (summed over the
/// batch).
struct PhaseTimes {
  double gemm1Ms = 0.0;
  double softmaxMs = 0.0;
  double gemm2Ms = 0.0;
  double totalMs = 0.0;
};

/// Medians over the timed repetitions, each phase separately.
struct BaselineResult {
  PhaseTimes median;
};

/// The unfused baseline with its N x N score buffer.
class UnfusedBaseline {
public:
  /// Softmax rows are split over `threads` threads.
  UnfusedBaseline(const RetrievalShape &shape, int threads);

  /// Computes `out` ([batch, n, d]) from `x` ([batch, n, d]) and returns how
  /// long each phase took.
  PhaseTimes run(const float *x, float *out);

private:
  void softmaxRows(int64_t begin, int64_t end);

  RetrievalShape shape;
  int threads;
  std::vector<float> scores;
};

/// Runs `baseline` `warmup` times untimed and `reps` times timed on `x`,
/// leaving the result in `out`.
BaselineResult measureBaseline(UnfusedBaseline &baseline, const float *x,
                               float *out, int warmup, int reps);

} // namespace hopfield::bench

#endif // BENCH_BASELINE_H
