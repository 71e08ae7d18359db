//===- Bench.h - The --bench mode of hopfield-run ---------------*- C++ -*-===//
//
// Times repeated runs of an artifact on fixed inputs.
//
//===----------------------------------------------------------------------===//

#ifndef TOOLS_HOPFIELD_RUN_BENCH_H
#define TOOLS_HOPFIELD_RUN_BENCH_H

#include "runtime/hopfield_runtime.hpp"

#include <cstdio>
#include <vector>

namespace hopfield::run {

/// Runs `artifact` once to warm up, then `runs` timed times, and prints the
/// minimum and median wall time and, where the manifest describes the
/// associations, the nominal FLOPs and GFLOP/s at the median (Flops.h); the
/// last line is `median_ms: <number>`.
/// Shows progress on stderr when it is a terminal. Throws RuntimeError if a
/// run fails.
void bench(const Artifact &artifact, const std::vector<Tensor> &inputs,
           long runs, std::FILE *file);

} // namespace hopfield::run

#endif // TOOLS_HOPFIELD_RUN_BENCH_H
