//===- MemoryCheck.cpp - Peak memory of a large self-retrieval ------------===//
//
// The peak is getrusage(RUSAGE_SELF).ru_maxrss right after the run: it covers
// this process (runtime, artifact, its OpenMP threads, input and output) and
// not the hopfield-compile child. Correctness is checked on a few sampled
// query rows, recomputed in float64 without any N x N buffer.
//
//===----------------------------------------------------------------------===//

#include "bench/MemoryCheck.h"
#include "bench/HopfieldCase.h"
#include "bench/Timing.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace hopfield::bench {
namespace {

/// Peak resident set size of this process so far, in MiB.
double peakRssMib() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is KiB
}

/// Relative error of query row `row` of batch element `b` of `y` against a
/// float64 softmax(beta q X^T) X computed row by row.
double rowError(const RetrievalShape &s, const float *x, const float *y,
                int64_t b, int64_t row) {
  const float *xb = x + b * s.n * s.d;
  const float *query = xb + row * s.d;
  std::vector<double> scores(s.n);
  double maxScore = -INFINITY;
  for (int64_t j = 0; j < s.n; ++j) {
    double dot = 0.0;
    for (int64_t k = 0; k < s.d; ++k)
      dot += static_cast<double>(query[k]) * xb[j * s.d + k];
    scores[j] = s.beta * dot;
    maxScore = std::max(maxScore, scores[j]);
  }
  std::vector<double> want(s.d, 0.0);
  double sum = 0.0;
  for (int64_t j = 0; j < s.n; ++j) {
    double p = std::exp(scores[j] - maxScore);
    sum += p;
    for (int64_t k = 0; k < s.d; ++k)
      want[k] += p * xb[j * s.d + k];
  }
  const float *got = y + (b * s.n + row) * s.d;
  double diff = 0.0, norm = 0.0;
  for (int64_t k = 0; k < s.d; ++k) {
    want[k] /= sum;
    diff += (got[k] - want[k]) * (got[k] - want[k]);
    norm += want[k] * want[k];
  }
  return norm > 0.0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

} // namespace

int runMemoryCheck(const BenchOptions &options) {
  RetrievalShape shape{options.batch, options.n, options.d,
                       static_cast<float>(options.beta)};
  setenv("OMP_NUM_THREADS", std::to_string(options.threads).c_str(), 1);
  double scoreMib = 4.0 * static_cast<double>(shape.batch) * shape.n * shape.n /
                    (1024.0 * 1024.0);
  std::printf("memory: self-retrieval B=%lld N=%lld d=%lld beta=%g, f32, one "
              "softmax, %d threads\n",
              static_cast<long long>(shape.batch),
              static_cast<long long>(shape.n), static_cast<long long>(shape.d),
              options.beta, options.threads);
  std::printf("score_matrix_mib_if_materialised: %.1f\n", scoreMib);
  std::fflush(stdout);

  WorkDir dir(options.workDir);
  double compileSeconds = 0.0;
  std::string path = obtainArtifact(options, shape, dir, compileSeconds);
  std::printf("compile_s: %.2f\n", compileSeconds);

  Artifact artifact(path);
  std::vector<Tensor> inputs;
  inputs.push_back(randomInput(shape, options.seed));
  double beforeMib = peakRssMib();

  Clock::time_point start = Clock::now();
  std::vector<Tensor> outputs = artifact.run(inputs);
  double runMs = elapsedMs(start, Clock::now());
  double peakMib = peakRssMib();

  const Tensor &y = findOutput(artifact, outputs);
  if (y.numElements() != inputs.front().numElements()) {
    std::fprintf(stderr,
                 "hopfield-bench: error: output 'y' has %zu elements, "
                 "expected %zu\n",
                 y.numElements(), inputs.front().numElements());
    return 1;
  }
  // First and last query of the first and last batch element, and a few
  // random ones.
  std::vector<std::pair<int64_t, int64_t>> rows = {
      {0, 0}, {shape.batch - 1, shape.n - 1}};
  std::mt19937 rng(options.seed + 1);
  for (int i = 0; i < 6; ++i)
    rows.emplace_back(rng() % shape.batch, rng() % shape.n);
  double worst = 0.0;
  for (auto [b, row] : rows)
    worst = std::max(worst, rowError(shape, inputs.front().data<float>(),
                                     y.data<float>(), b, row));

  std::printf("run_ms: %.1f\n", runMs);
  std::printf("rss_before_run_mib: %.1f\n", beforeMib);
  std::printf("sampled_rows_max_rel_error: %.3g\n", worst);
  std::printf("peak_rss_mib: %.0f\n", std::ceil(peakMib));
  std::fflush(stdout);
  if (!(worst <= 1e-4)) {
    std::fprintf(stderr,
                 "hopfield-bench: error: sampled output rows differ from the "
                 "float64 reference by %.3g (limit 1e-4)\n",
                 worst);
    return 1;
  }
  if (options.maxRssMib > 0.0 && peakMib > options.maxRssMib) {
    std::fprintf(stderr,
                 "hopfield-bench: error: peak RSS %.1f MiB exceeds the limit "
                 "of %g MiB\n",
                 peakMib, options.maxRssMib);
    return 1;
  }
  if (options.maxRssMib > 0.0)
    std::printf("peak RSS within the limit of %g MiB\n", options.maxRssMib);
  return 0;
}

} // namespace hopfield::bench
