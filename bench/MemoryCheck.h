//===- MemoryCheck.h - Peak memory of a large self-retrieval ----*- C++ -*-===//
//
// The --memory mode of hopfield-bench: compiles (or takes) a self-retrieval
// artifact, runs it once on random input through the runtime and reports the
// process's peak resident set size. A fused kernel never holds the N x N
// score matrix, so for N = 32768 the peak stays far below the 4 GiB that
// matrix alone would take.
//
//===----------------------------------------------------------------------===//

#ifndef BENCH_MEMORYCHECK_H
#define BENCH_MEMORYCHECK_H

#include "bench/BenchOptions.h"

namespace hopfield::bench {

/// Runs the memory check and prints `peak_rss_mib: <n>` on stdout. Returns
/// the exit code: 1 when the run fails, sampled rows of the output disagree
/// with a float64 reference (relative error > 1e-4), or the peak exceeds
/// options.maxRssMib (when set); 0 otherwise.
int runMemoryCheck(const BenchOptions &options);

} // namespace hopfield::bench

#endif // BENCH_MEMORYCHECK_H
