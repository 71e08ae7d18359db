//===- BenchOptions.cpp - Command line of hopfield-bench ------------------===//

#include "bench/BenchOptions.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace hopfield::bench {
namespace {

/// Parses a whole decimal integer in [minimum, maximum].
bool parseInt(const char *text, int64_t minimum, int64_t maximum,
              int64_t &out) {
  errno = 0;
  char *end = nullptr;
  long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < minimum ||
      value > maximum)
    return false;
  out = value;
  return true;
}

/// Parses a whole finite positive number.
bool parsePositive(const char *text, double &out) {
  errno = 0;
  char *end = nullptr;
  double value = std::strtod(text, &end);
  if (errno != 0 || end == text || *end != '\0' || !std::isfinite(value) ||
      value <= 0.0)
    return false;
  out = value;
  return true;
}

} // namespace

const char *usageText() {
  return "usage: hopfield-bench [options]\n"
         "\n"
         "Measures, in one run: the FP32 FMA peak of the machine, an\n"
         "OpenBLAS SGEMM, the unfused baseline (SGEMM + softmax + SGEMM)\n"
         "and a compiled hopfield artifact on self-retrieval of X [batch,\n"
         "n, d].\n"
         "\n"
         "  --batch N             batch size (default 8; --memory: 1)\n"
         "  --n N                 stored patterns = queries (default 4096;\n"
         "                        --memory: 32768)\n"
         "  --d N                 pattern dimension (default 64)\n"
         "  --beta X              scaling beta (default 0.125)\n"
         "  --reps N              timed repetitions, median reported (5)\n"
         "  --warmup N            untimed repetitions first (1)\n"
         "  --threads N           threads everywhere (default: all cores)\n"
         "  --sgemm-size N        side of the square SGEMM (2048)\n"
         "  --seed N              seed of the random input (1)\n"
         "  --json FILE           also write the results as JSON\n"
         "  --hopfield-compile P  the compiler (default: next to this tool)\n"
         "  --artifact FILE       use this compiled artifact, do not compile\n"
         "  --work-dir DIR        keep the model and artifact in DIR\n"
         "  --no-hopfield         measure the machine and the baseline only\n"
         "  --keep-blas-coretype  keep OpenBLAS's AVX2 kernels on an AVX-512\n"
         "                        CPU (default: rerun with OPENBLAS_CORETYPE=\n"
         "                        SkylakeX)\n"
         "  --memory              memory check: compile and run once, print\n"
         "                        peak_rss_mib (no baseline, no N x N buffer)\n"
         "  --max-rss-mib N       with --memory: fail above N MiB\n";
}

bool parseOptions(int argc, char **argv, BenchOptions &options, bool &help,
                  std::string &error) {
  help = false;
  unsigned cores = std::thread::hardware_concurrency();
  options.threads = cores ? static_cast<int>(cores) : 1;
  bool batchGiven = false, nGiven = false;

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      return true;
    }
    if (arg == "--memory") {
      options.memory = true;
      continue;
    }
    if (arg == "--keep-blas-coretype") {
      options.keepBlasCoreType = true;
      continue;
    }
    if (arg == "--no-hopfield") {
      options.skipHopfield = true;
      continue;
    }
    if (i + 1 >= argc) {
      error = "option '" + arg + "' needs a value (see --help)";
      return false;
    }
    const char *value = argv[++i];
    auto badValue = [&](const char *expected) {
      error = "option '" + arg + "': '" + value + "' is not " + expected;
      return false;
    };
    int64_t number = 0;
    constexpr int64_t kMaxSize = int64_t(1) << 31;
    if (arg == "--batch" || arg == "--n" || arg == "--d" ||
        arg == "--sgemm-size") {
      if (!parseInt(value, 1, kMaxSize - 1, number))
        return badValue("an integer in [1, 2^31)");
      if (arg == "--batch") {
        options.batch = number;
        batchGiven = true;
      } else if (arg == "--n") {
        options.n = number;
        nGiven = true;
      } else if (arg == "--d") {
        options.d = number;
      } else {
        options.sgemmSize = number;
      }
    } else if (arg == "--reps" || arg == "--threads") {
      if (!parseInt(value, 1, 1 << 20, number))
        return badValue("an integer >= 1");
      (arg == "--reps" ? options.reps : options.threads) =
          static_cast<int>(number);
    } else if (arg == "--warmup") {
      if (!parseInt(value, 0, 1 << 20, number))
        return badValue("an integer >= 0");
      options.warmup = static_cast<int>(number);
    } else if (arg == "--seed") {
      if (!parseInt(value, 0, UINT32_MAX, number))
        return badValue("an integer in [0, 2^32)");
      options.seed = static_cast<unsigned>(number);
    } else if (arg == "--beta") {
      if (!parsePositive(value, options.beta))
        return badValue("a positive number");
    } else if (arg == "--max-rss-mib") {
      if (!parsePositive(value, options.maxRssMib))
        return badValue("a positive number");
    } else if (arg == "--json") {
      options.jsonPath = value;
    } else if (arg == "--hopfield-compile") {
      options.compilerPath = value;
    } else if (arg == "--artifact") {
      options.artifactPath = value;
    } else if (arg == "--work-dir") {
      options.workDir = value;
    } else {
      error = "unknown option '" + arg + "' (see --help)";
      return false;
    }
  }

  if (options.memory) {
    if (!batchGiven)
      options.batch = 1;
    if (!nGiven)
      options.n = 32768;
  } else if (options.maxRssMib > 0.0) {
    error = "--max-rss-mib needs --memory";
    return false;
  }
  if (options.batch * options.n * options.d >= (int64_t(1) << 40)) {
    error = "batch * n * d is too large";
    return false;
  }
  return true;
}

} // namespace hopfield::bench
