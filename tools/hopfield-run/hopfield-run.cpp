//===- hopfield-run.cpp - Run a compiled artifact -------------------------===//
//
// hopfield-run ARTIFACT --inputs IN.json|IN.safetensors [--outputs OUT.json]
//              [--bench N] [--steps]
//
// Loads an artifact through the runtime library, feeds it the named input
// tensors, and writes its outputs as JSON (to OUT.json, else to stdout).
// --steps prints the per-head steps of every Hopfield node; --bench N times N
// runs after one warm-up (a CUDA artifact's also by CUDA events). Every error
// is one line on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "tools/hopfield-run/Bench.h"
#include "tools/hopfield-run/RunInputs.h"
#include "tools/hopfield-run/RunOutputs.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace {

constexpr const char *kUsage =
    "usage: hopfield-run ARTIFACT --inputs IN.json|IN.safetensors\n"
    "                    [--outputs OUT.json] [--bench N] [--steps]\n"
    "\n"
    "Runs a compiled hopfield artifact once on the named input tensors.\n"
    "\n"
    "  --inputs FILE    JSON object name -> {\"shape\", \"dtype\", \"data\"},\n"
    "                   or a .safetensors file\n"
    "  --outputs FILE   write the outputs there as JSON (default: stdout)\n"
    "  --bench N        after one warm-up run, time N runs and print the\n"
    "                   minimum and median (median_ms: <ms>); for a CUDA\n"
    "                   artifact also the GPU time by CUDA events\n"
    "                   (gpu_min_ms, gpu_median_ms)\n"
    "  --steps          print 'steps <node>: <per-head steps>' per node\n";

/// The parsed command line.
struct Options {
  std::string artifact;
  std::string inputs;
  std::string outputs;
  long benchRuns = 0;
  bool steps = false;
  bool help = false;
};

/// Prints `message` as an error and returns the failing exit code.
int error(const std::string &message) {
  std::fprintf(stderr, "hopfield-run: error: %s\n", message.c_str());
  return 1;
}

/// Parses a --bench count: a positive decimal integer.
bool parseCount(const std::string &text, long &out) {
  if (text.empty() || text.size() > 9)
    return false;
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  out = std::strtol(text.c_str(), nullptr, 10);
  return out > 0;
}

/// Parses argv into `opts`; on failure sets `message`.
bool parseArgs(int argc, char **argv, Options &opts, std::string &message) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool hasValue = false;
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      hasValue = true;
    }
    auto takeValue = [&](std::string &out) {
      if (!hasValue) {
        if (i + 1 >= argc) {
          message = "option '" + arg + "' needs a value";
          return false;
        }
        value = argv[++i];
      }
      out = value;
      return true;
    };

    if (arg == "-h" || arg == "--help") {
      opts.help = true;
    } else if (arg == "--inputs") {
      if (!takeValue(opts.inputs))
        return false;
    } else if (arg == "--outputs") {
      if (!takeValue(opts.outputs))
        return false;
    } else if (arg == "--bench") {
      std::string count;
      if (!takeValue(count))
        return false;
      if (!parseCount(count, opts.benchRuns)) {
        message =
            "--bench needs a positive number of runs, not '" + count + "'";
        return false;
      }
    } else if (arg == "--steps" && !hasValue) {
      opts.steps = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      message = "unknown option '" + std::string(argv[i]) + "'";
      return false;
    } else if (opts.artifact.empty()) {
      opts.artifact = arg;
    } else {
      message = "unexpected argument '" + arg + "' (one artifact only)";
      return false;
    }
  }
  if (opts.help)
    return true;
  if (opts.artifact.empty()) {
    message = "no artifact given";
    return false;
  }
  return true;
}

/// Runs the tool; throws hopfield::RuntimeError on runtime failures.
int runTool(const Options &opts) {
  hopfield::Artifact artifact(opts.artifact);

  std::map<std::string, hopfield::TensorData> tensors;
  std::string message;
  if (opts.inputs.empty()) {
    if (!artifact.inputs().empty())
      return error("no --inputs given; model '" + artifact.model() +
                   "' takes " + std::to_string(artifact.inputs().size()) +
                   " input(s)");
  } else if (!hopfield::run::readInputFile(opts.inputs, tensors, message)) {
    return error(message);
  }
  std::vector<hopfield::Tensor> inputs;
  if (!hopfield::run::bindInputs(artifact, tensors, inputs, message))
    return error(message);

  std::vector<hopfield::Tensor> outputs = artifact.run(inputs);
  if (opts.outputs.empty()) {
    hopfield::run::writeOutputsJson(artifact, outputs, stdout);
  } else {
    std::FILE *file = std::fopen(opts.outputs.c_str(), "w");
    if (!file)
      return error("cannot write outputs file '" + opts.outputs +
                   "': " + std::strerror(errno));
    hopfield::run::writeOutputsJson(artifact, outputs, file);
    if (std::fclose(file) != 0)
      return error("cannot write outputs file '" + opts.outputs +
                   "': " + std::strerror(errno));
  }
  if (opts.steps)
    hopfield::run::printSteps(artifact, outputs, stdout);
  if (opts.benchRuns > 0)
    hopfield::run::bench(artifact, inputs, opts.benchRuns, stdout);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options opts;
  std::string message;
  if (!parseArgs(argc, argv, opts, message)) {
    error(message);
    std::fputs(kUsage, stderr);
    return 1;
  }
  if (opts.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  try {
    int status = runTool(opts);
    if (std::fflush(stdout) != 0)
      return error("cannot write to stdout");
    return status;
  } catch (const hopfield::RuntimeError &e) {
    return error(e.what());
  } catch (const std::exception &e) {
    return error(std::string("unexpected failure: ") + e.what());
  }
}
