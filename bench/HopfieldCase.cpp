//===- HopfieldCase.cpp - The self-retrieval model under test -------------===//

#include "bench/HopfieldCase.h"
#include "bench/Timing.h"

#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>

extern char **environ;

namespace hopfield::bench {

std::string selfRetrievalModel(const RetrievalShape &shape) {
  using Json = nlohmann::ordered_json;
  Json config = {
      {"num_heads", 1},
      {"scaling", static_cast<double>(shape.beta)},
      {"update_steps_max", 0},
      {"stored_pattern_as_static", true},
      {"state_pattern_as_static", true},
      {"pattern_projection_as_static", true},
      {"disable_out_projection", true},
      {"normalize_stored_pattern", false},
      {"normalize_stored_pattern_affine", false},
      {"normalize_state_pattern", false},
      {"normalize_state_pattern_affine", false},
      {"normalize_pattern_projection", false},
      {"normalize_pattern_projection_affine", false},
  };
  Json node = {{"name", "hop"},
               {"op", "Hopfield"},
               {"inputs", {{"input", "x"}}},
               {"config", config},
               {"weights", Json::object()}};
  Json model = {
      {"format", "hopfield-model/1"},
      {"name", "bench-self-retrieval"},
      {"inputs",
       {{"x",
         {{"shape", {shape.batch, shape.n, shape.d}}, {"dtype", "float32"}}}}},
      {"nodes", Json::array({node})},
      {"outputs", {{"y", "hop"}}}};
  return model.dump(2) + "\n";
}

namespace {
constexpr const char *kModelFile = "model.json";
constexpr const char *kArtifactFile = "model.so";
} // namespace

WorkDir::WorkDir(const std::string &requested) {
  if (requested.empty()) {
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/hopfield-bench-XXXXXX";
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a temporary folder '" + pattern +
                               "': " + std::strerror(errno));
    path = pattern;
    temporary = true;
    return;
  }
  path = requested;
  if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create the work folder '" + path +
                             "': " + std::strerror(errno));
}

WorkDir::~WorkDir() {
  if (!temporary)
    return;
  std::remove(file(kModelFile).c_str());
  std::remove(file(kArtifactFile).c_str());
  rmdir(path.c_str());
}

std::string obtainArtifact(const BenchOptions &options,
                           const RetrievalShape &shape, const WorkDir &dir,
                           double &compileSeconds) {
  compileSeconds = 0.0;
  if (!options.artifactPath.empty())
    return options.artifactPath;
  std::string model = dir.file(kModelFile);
  std::string artifact = dir.file(kArtifactFile);
  writeFile(model, selfRetrievalModel(shape));
  std::string compiler = options.compilerPath.empty() ? defaultCompilerPath()
                                                      : options.compilerPath;
  compileSeconds = compileModel(compiler, model, artifact);
  return artifact;
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file)
    throw std::runtime_error("cannot write '" + path + "'");
}

std::string defaultCompilerPath() {
  char self[4096];
  ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (length <= 0)
    return "";
  std::string dir(self, static_cast<size_t>(length));
  dir.erase(dir.find_last_of('/') + 1);
  std::string compiler = dir + "hopfield-compile";
  return access(compiler.c_str(), X_OK) == 0 ? compiler : "";
}

double compileModel(const std::string &compiler, const std::string &model,
                    const std::string &artifact) {
  std::vector<std::string> args = {compiler, model,         "-o",
                                   artifact, "--precision", "f32"};
  std::string command;
  for (const std::string &arg : args)
    command += (command.empty() ? "" : " ") + arg;
  if (compiler.empty())
    throw std::runtime_error(
        "hopfield-compile was not found next to hopfield-bench; build it or "
        "pass --hopfield-compile PATH (or --artifact FILE)");

  std::vector<char *> argv;
  for (std::string &arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  // The compiler's stdout goes to our stderr: stdout holds the report.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  Clock::time_point start = Clock::now();
  pid_t pid = 0;
  int error =
      posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0)
    throw std::runtime_error("cannot start '" + command +
                             "': " + std::strerror(error));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error("waiting for '" + command +
                               "': " + std::strerror(errno));
  double seconds = elapsedMs(start, Clock::now()) / 1000.0;
  if (WIFSIGNALED(status))
    throw std::runtime_error("'" + command + "' was killed by signal " +
                             std::to_string(WTERMSIG(status)));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("'" + command + "' failed with exit code " +
                             std::to_string(WEXITSTATUS(status)));
  return seconds;
}

Tensor randomInput(const RetrievalShape &shape, unsigned seed) {
  Tensor input(HOPFIELD_FLOAT32, {shape.batch, shape.n, shape.d});
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  float *data = input.data<float>();
  for (size_t i = 0, e = input.numElements(); i < e; ++i)
    data[i] = normal(rng);
  return input;
}

const Tensor &findOutput(const Artifact &artifact,
                         const std::vector<Tensor> &outputs) {
  size_t index = 0;
  if (hopfield_artifact_find_output(artifact.get(), "y", &index) !=
          HOPFIELD_OK ||
      index >= outputs.size())
    throw std::runtime_error("the artifact has no output 'y'");
  const Tensor &y = outputs[index];
  if (y.dtype() != HOPFIELD_FLOAT32)
    throw std::runtime_error("output 'y' is " +
                             std::string(hopfield_dtype_name(y.dtype())) +
                             ", expected float32");
  return y;
}

double relativeError(const float *got, const float *want, size_t count) {
  double diff = 0.0, norm = 0.0;
  for (size_t i = 0; i < count; ++i) {
    double delta = static_cast<double>(got[i]) - want[i];
    diff += delta * delta;
    norm += static_cast<double>(want[i]) * want[i];
  }
  return norm > 0.0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

double timeArtifact(const Artifact &artifact, const std::vector<Tensor> &inputs,
                    std::vector<float> &out, int warmup, int reps) {
  std::vector<Tensor> outputs;
  std::vector<double> times =
      timeRepetitions(warmup, reps, [&] { outputs = artifact.run(inputs); });
  const Tensor &y = findOutput(artifact, outputs);
  out.assign(y.data<float>(), y.data<float>() + y.numElements());
  return median(times);
}

} // namespace hopfield::bench
