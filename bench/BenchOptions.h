//===- BenchOptions.h - Command line of hopfield-bench ----------*- C++ -*-===//

#ifndef BENCH_BENCHOPTIONS_H
#define BENCH_BENCHOPTIONS_H

#include <cstdint>
#include <string>

namespace hopfield::bench {

/// Everything the command line sets.
struct BenchOptions {
  /// The self-retrieval problem: X is [batch, n, d], scaled by beta.
  int64_t batch = 8;
  int64_t n = 4096;
  int64_t d = 64;
  double beta = 0.125;
  /// Untimed and timed repetitions of every measurement.
  int warmup = 1;
  int reps = 5;
  /// Threads of every measurement (FMA peak, OpenBLAS, softmax, artifact).
  int threads = 1;
  /// Side of the square SGEMM ceiling problem.
  int64_t sgemmSize = 2048;
  unsigned seed = 1;
  /// Where to write the machine-readable results ("" for none).
  std::string jsonPath;
  /// The compiler to run ("" for the one next to hopfield-bench).
  std::string compilerPath;
  /// A compiled artifact to use instead of compiling ("" to compile).
  std::string artifactPath;
  /// Where the model description and artifact go ("" for a temporary
  /// folder that is removed afterwards).
  std::string workDir;
  /// Measure the machine and the baseline only.
  bool skipHopfield = false;
  /// Use the OpenBLAS kernels OPENBLAS_CORETYPE or OpenBLAS's detection
  /// chose, even AVX2 ones on an AVX-512 CPU.
  bool keepBlasCoreType = false;
  /// The memory check instead of the benchmark.
  bool memory = false;
  /// The memory check fails above this peak RSS (0: no limit).
  double maxRssMib = 0.0;
};

/// Parses the command line into `options`. Returns false with a message in
/// `error` on bad usage; sets `help` for --help.
bool parseOptions(int argc, char **argv, BenchOptions &options, bool &help,
                  std::string &error);

/// The --help text.
const char *usageText();

} // namespace hopfield::bench

#endif // BENCH_BENCHOPTIONS_H
