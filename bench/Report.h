//===- Report.h - Results table and JSON of hopfield-bench ------*- C++ -*-===//

#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include "bench/Baseline.h"
#include "bench/FmaPeak.h"

#include <cstdio>
#include <string>

namespace hopfield::bench {

/// The acceptance targets the report checks the artifact against.
constexpr double kTargetSpeedup = 1.5;
constexpr double kTargetPercentOfPeak = 20.0;

/// Everything one benchmark run measured.
struct BenchResults {
  std::string cpuModel;
  std::string date;
  std::string command;
  /// The OpenBLAS kernels, the 1-minute load average at the start and how
  /// busy all CPUs were in the half second before it (other work on the
  /// machine skews every number).
  std::string blasCore;
  double loadAverage = 0.0;
  double busyPercent = 0.0;
  int threads = 0;
  int warmup = 0;
  int reps = 0;
  RetrievalShape shape;
  FmaPeakResult peak;
  SgemmResult sgemm;
  BaselineResult baseline;
  /// False with --no-hopfield.
  bool haveHopfield = false;
  std::string artifact;
  double compileSeconds = 0.0;
  double hopfieldMs = 0.0;
  /// ||hopfield - baseline|| / ||baseline||.
  double relativeError = 0.0;
};

/// The flops of one self-retrieval run: 4 * B * N * N * d (DESIGN.md 8).
double retrievalFlops(const RetrievalShape &shape);

/// The CPU's model name from /proc/cpuinfo ("unknown" if none).
std::string cpuModelName();

/// How busy all CPUs are, in percent of their time over the next
/// `milliseconds` (from /proc/stat; -1 when unknown).
double cpuBusyPercent(int milliseconds);

/// Today's date and time, UTC, ISO 8601.
std::string currentDate();

/// Prints the human-readable table.
void printTable(std::FILE *file, const BenchResults &results);

/// Writes the results as JSON to `path`; throws std::runtime_error on
/// failure.
void writeJson(const std::string &path, const BenchResults &results);

} // namespace hopfield::bench

#endif // BENCH_REPORT_H
