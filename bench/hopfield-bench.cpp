//===- hopfield-bench.cpp - Benchmark harness -----------------------------===//
//
// hopfield-bench [--batch B] [--n N] [--d D] [--reps R] [--threads T]
//                [--json FILE] [--hopfield-compile PATH] [--memory ...]
//
// Measures in one run, on the same machine and with the same threads, the
// machine's FP32 FMA peak, an OpenBLAS SGEMM, the unfused self-retrieval
// baseline and the compiled hopfield artifact, checks the artifact against the
// baseline, and prints a table (and JSON with --json). See bench/README.md.
// --memory runs the peak-memory check instead (bench/MemoryCheck.h).
//
//===----------------------------------------------------------------------===//

#include "bench/Baseline.h"
#include "bench/BenchOptions.h"
#include "bench/FmaPeak.h"
#include "bench/HopfieldCase.h"
#include "bench/MemoryCheck.h"
#include "bench/Report.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <utility>
#include <vector>

using namespace hopfield;
using namespace hopfield::bench;

namespace {

/// The largest relative error the artifact may have against the baseline.
constexpr double kMaxRelativeError = 1e-4;

/// Announces the next phase on stderr when it is a terminal.
void progress(const char *what) {
  if (isatty(STDERR_FILENO))
    std::fprintf(stderr, "hopfield-bench: %s...\n", what);
}

std::string joinCommand(int argc, char **argv) {
  std::string command;
  for (int i = 0; i < argc; ++i)
    command += (i ? " " : "") + std::string(argv[i]);
  return command;
}

/// Set in the environment of a re-executed harness: what it changed in the
/// OpenBLAS environment, for the report.
constexpr const char *kBlasSetupMarker = "HOPFIELD_BENCH_BLAS_SETUP";

/// Sets `name` to `value` in the environment and notes the change.
void setBlasVariable(const char *name, const char *value,
                     std::string &changes) {
  const char *before = std::getenv(name);
  changes += std::string(changes.empty() ? "" : ", ") + name + "=" + value;
  if (before)
    changes += std::string(" (was ") + before + ")";
  setenv(name, value, 1);
}

/// OpenBLAS reads its environment once, when it is loaded, so this runs the
/// program again when the environment would make the baseline slower than
/// OpenBLAS can be:
/// * on a CPU with AVX-512, OpenBLAS may run AVX2 kernels (it does not know
///   the CPU, or OPENBLAS_CORETYPE says so): OPENBLAS_CORETYPE=SkylakeX
///   selects its AVX-512 kernels (--keep-blas-coretype turns this off);
/// * after each call its worker threads spin for 2^28 cycles by default, and
///   so take the cores the softmax threads need: OPENBLAS_THREAD_TIMEOUT=4
///   (unless set) lets them sleep at once.
/// Returns only when no re-execution happened.
void configureBlas(const BenchOptions &options, char **argv) {
  if (std::getenv(kBlasSetupMarker))
    return;
  std::vector<std::pair<std::string, const char *>> saved;
  for (const char *name : {"OPENBLAS_CORETYPE", "OPENBLAS_THREAD_TIMEOUT"})
    saved.emplace_back(name, std::getenv(name));
  std::string changes;
  if (!options.keepBlasCoreType && blasMissesAvx512())
    setBlasVariable("OPENBLAS_CORETYPE", "SkylakeX", changes);
  if (!std::getenv("OPENBLAS_THREAD_TIMEOUT"))
    setBlasVariable("OPENBLAS_THREAD_TIMEOUT", "4", changes);
  if (changes.empty())
    return;
  setenv(kBlasSetupMarker, changes.c_str(), 1);
  execv("/proc/self/exe", argv);
  std::fprintf(stderr,
               "hopfield-bench: warning: cannot re-execute to set %s: %s\n",
               changes.c_str(), std::strerror(errno));
  unsetenv(kBlasSetupMarker);
  for (const auto &[name, value] : saved) {
    if (value)
      setenv(name.c_str(), value, 1);
    else
      unsetenv(name.c_str());
  }
}

/// The OpenBLAS kernels and how the environment chose them, for the report.
std::string blasDescription() {
  std::string text = blasCoreName() + " kernels";
  if (const char *changes = std::getenv(kBlasSetupMarker))
    return text + "; hopfield-bench set " + changes;
  std::string environment;
  for (const char *name : {"OPENBLAS_CORETYPE", "OPENBLAS_THREAD_TIMEOUT"})
    if (const char *value = std::getenv(name))
      environment +=
          std::string(environment.empty() ? "" : ", ") + name + "=" + value;
  return environment.empty() ? text : text + "; environment: " + environment;
}

/// The 1-minute load average, or -1 when unknown.
double loadAverage() {
  double load[1];
  return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

int runBenchmark(const BenchOptions &options, const std::string &command) {
  RetrievalShape shape{options.batch, options.n, options.d,
                       static_cast<float>(options.beta)};
  // The artifact's OpenMP runtime reads this on its first parallel region.
  setenv("OMP_NUM_THREADS", std::to_string(options.threads).c_str(), 1);
  setBlasThreads(options.threads);
  if (!hasFmaKernel())
    throw std::runtime_error("this CPU has neither AVX-512F nor AVX2 + FMA");

  BenchResults results;
  results.cpuModel = cpuModelName();
  results.date = currentDate();
  results.command = command;
  results.threads = options.threads;
  results.warmup = options.warmup;
  results.reps = options.reps;
  results.shape = shape;
  results.blasCore = blasDescription();
  results.loadAverage = loadAverage();
  results.busyPercent = cpuBusyPercent(500);

  // Compile first: a compiler failure shows up before minutes of timing.
  WorkDir dir(options.workDir);
  std::string artifactPath;
  if (!options.skipHopfield) {
    progress("compiling the self-retrieval model");
    artifactPath = obtainArtifact(options, shape, dir, results.compileSeconds);
    results.artifact = artifactPath;
    results.haveHopfield = true;
  }

  std::vector<Tensor> inputs;
  inputs.push_back(randomInput(shape, options.seed));
  const float *x = inputs.front().data<float>();
  std::vector<float> expected(inputs.front().numElements());

  progress("measuring the FMA peak");
  results.peak = measureFmaPeak(options.threads, options.warmup, options.reps);
  progress("measuring SGEMM");
  results.sgemm = measureSgemm(options.sgemmSize, options.warmup, options.reps);
  {
    progress("measuring the unfused baseline");
    UnfusedBaseline baseline(shape, options.threads);
    results.baseline = measureBaseline(baseline, x, expected.data(),
                                       options.warmup, options.reps);
  }

  if (results.haveHopfield) {
    progress("measuring the hopfield artifact");
    Artifact artifact(artifactPath);
    std::vector<float> got;
    results.hopfieldMs =
        timeArtifact(artifact, inputs, got, options.warmup, options.reps);
    if (got.size() != expected.size())
      throw std::runtime_error("output 'y' has " + std::to_string(got.size()) +
                               " elements, expected " +
                               std::to_string(expected.size()));
    results.relativeError =
        relativeError(got.data(), expected.data(), expected.size());
  }

  printTable(stdout, results);
  std::fflush(stdout);
  if (!options.jsonPath.empty())
    writeJson(options.jsonPath, results);
  if (results.haveHopfield && !(results.relativeError <= kMaxRelativeError)) {
    std::fprintf(stderr,
                 "hopfield-bench: error: the hopfield output differs from the "
                 "unfused baseline: relative error %.3g > %g\n",
                 results.relativeError, kMaxRelativeError);
    return 1;
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options;
  bool help = false;
  std::string error;
  if (!parseOptions(argc, argv, options, help, error)) {
    std::fprintf(stderr, "hopfield-bench: error: %s\n", error.c_str());
    return 1;
  }
  if (help) {
    std::fputs(usageText(), stdout);
    return 0;
  }
  try {
    if (options.memory)
      return runMemoryCheck(options);
    configureBlas(options, argv);
    return runBenchmark(options, joinCommand(argc, argv));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "hopfield-bench: error: %s\n", e.what());
    return 1;
  }
}
