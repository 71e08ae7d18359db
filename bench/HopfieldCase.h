//===- HopfieldCase.h - The self-retrieval model under test -----*- C++ -*-===//
//
// Writes the self-retrieval model description (one static Hopfield node whose
// single input is stored pattern, state pattern and pattern projection at
// once), compiles it with hopfield-compile in a child process, and runs the
// artifact through the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef BENCH_HOPFIELDCASE_H
#define BENCH_HOPFIELDCASE_H

#include "bench/Baseline.h"
#include "bench/BenchOptions.h"
#include "runtime/hopfield_runtime.hpp"

#include <string>
#include <vector>

namespace hopfield::bench {

/// The model description ("hopfield-model/1") of self-retrieval on `shape`
/// with one softmax (update_steps_max = 0); input "x", output "y".
std::string selfRetrievalModel(const RetrievalShape &shape);

/// The folder that holds the model description and the artifact: the one
/// given with --work-dir (created if missing, kept), else a new temporary
/// folder removed with its two files on destruction.
class WorkDir {
public:
  /// Throws std::runtime_error if the folder cannot be created.
  explicit WorkDir(const std::string &requested);
  WorkDir(const WorkDir &) = delete;
  WorkDir &operator=(const WorkDir &) = delete;
  ~WorkDir();

  /// `name` inside the folder.
  std::string file(const std::string &name) const { return path + "/" + name; }

private:
  std::string path;
  bool temporary = false;
};

/// The artifact to run: --artifact when given, else the self-retrieval model
/// of `shape` written to `dir` and compiled there (its time in
/// `compileSeconds`). Throws std::runtime_error when compiling fails.
std::string obtainArtifact(const BenchOptions &options,
                           const RetrievalShape &shape, const WorkDir &dir,
                           double &compileSeconds);

/// Writes `text` to `path`; throws std::runtime_error on failure.
void writeFile(const std::string &path, const std::string &text);

/// hopfield-compile next to this executable (bin/), or "" when absent.
std::string defaultCompilerPath();

/// Runs `compiler MODEL -o ARTIFACT --precision f32` with the compiler's
/// output sent to stderr. Returns the wall time in seconds; throws
/// std::runtime_error naming the exact command when it fails.
double compileModel(const std::string &compiler, const std::string &model,
                    const std::string &artifact);

/// A float32 [batch, n, d] tensor of independent N(0, 1) values.
Tensor randomInput(const RetrievalShape &shape, unsigned seed);

/// Looks up output "y" of `artifact` among `outputs`; throws
/// std::runtime_error when the artifact has no such output.
const Tensor &findOutput(const Artifact &artifact,
                         const std::vector<Tensor> &outputs);

/// ||got - want|| / ||want|| (Frobenius norms, in double).
double relativeError(const float *got, const float *want, size_t count);

/// Runs `artifact` on `inputs` `warmup` times untimed and `reps` times
/// timed; copies output "y" of the last run into `out` and returns the median
/// time in milliseconds. Each run includes the runtime's input checks and
/// output allocation, as an application calling hopfield_run sees it.
double timeArtifact(const Artifact &artifact, const std::vector<Tensor> &inputs,
                    std::vector<float> &out, int warmup, int reps);

} // namespace hopfield::bench

#endif // BENCH_HOPFIELDCASE_H
