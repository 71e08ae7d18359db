//===- RuntimeTest.cpp - Tests of the hopfield runtime C ABI --------------===//
//
// Drives runtime/hopfield_runtime.h (and the C++ wrapper) against the
// hand-written artifacts of test/unit/artifacts, whose paths CMake passes as
// FAKE_*_ARTIFACT.
//
//===----------------------------------------------------------------------===//

#include "runtime/hopfield_runtime.h"
#include "runtime/hopfield_runtime.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using ::testing::HasSubstr;

/// Opens `path`, failing the test on error.
hopfield_artifact *openOrFail(const char *path) {
  hopfield_artifact *a = nullptr;
  hopfield_status status = hopfield_artifact_open(path, &a);
  EXPECT_EQ(status, HOPFIELD_OK) << hopfield_last_error();
  return a;
}

/// Makes a tensor, failing the test on error.
hopfield_tensor *makeTensor(hopfield_dtype dtype, std::vector<int64_t> shape) {
  hopfield_tensor *t = nullptr;
  EXPECT_EQ(hopfield_tensor_create(dtype, shape.size(), shape.data(), &t),
            HOPFIELD_OK)
      << hopfield_last_error();
  return t;
}

/// The fake scale artifact with inputs of `rows` rows; x[i][j] = i * 3 + j,
/// mask all ones.
class ScaleTest : public ::testing::Test {
protected:
  void SetUp() override { artifact = openOrFail(FAKE_SCALE_ARTIFACT); }
  void TearDown() override {
    releaseTensors();
    hopfield_artifact_close(artifact);
  }

  void releaseTensors() {
    hopfield_tensor_destroy(x);
    hopfield_tensor_destroy(mask);
    for (hopfield_tensor *&t : outputs)
      hopfield_tensor_destroy(std::exchange(t, nullptr));
    x = mask = nullptr;
  }

  void makeInputs(int64_t rows, int64_t cols = 3, int64_t maskRows = -1) {
    x = makeTensor(HOPFIELD_FLOAT64, {rows, cols});
    mask = makeTensor(HOPFIELD_BOOL, {maskRows < 0 ? rows : maskRows});
    double *values = static_cast<double *>(hopfield_tensor_data(x));
    for (size_t k = 0; k < hopfield_tensor_num_elements(x); ++k)
      values[k] = static_cast<double>(k);
    auto *keep = static_cast<unsigned char *>(hopfield_tensor_data(mask));
    for (size_t k = 0; k < hopfield_tensor_num_elements(mask); ++k)
      keep[k] = 1;
  }

  hopfield_status run() {
    const hopfield_tensor *inputs[] = {x, mask};
    return hopfield_run(artifact, inputs, 2, outputs, 2);
  }

  hopfield_artifact *artifact = nullptr;
  hopfield_tensor *x = nullptr;
  hopfield_tensor *mask = nullptr;
  hopfield_tensor *outputs[2] = {nullptr, nullptr};
};

TEST_F(ScaleTest, DescribesManifest) {
  ASSERT_NE(artifact, nullptr);
  EXPECT_STREQ(hopfield_artifact_model(artifact), "fake-scale");
  EXPECT_STREQ(hopfield_artifact_target(artifact), "cpu");
  EXPECT_STREQ(hopfield_artifact_target_cpu(artifact), "generic");
  EXPECT_STREQ(hopfield_artifact_precision(artifact), "f64");
  EXPECT_STREQ(hopfield_artifact_path(artifact), FAKE_SCALE_ARTIFACT);
  EXPECT_THAT(hopfield_artifact_manifest_json(artifact),
              HasSubstr("hopfield-artifact/1"));
  ASSERT_EQ(hopfield_artifact_num_inputs(artifact), 2u);
  ASSERT_EQ(hopfield_artifact_num_outputs(artifact), 2u);

  const hopfield_port *x = hopfield_artifact_input(artifact, 0);
  ASSERT_NE(x, nullptr);
  EXPECT_STREQ(hopfield_port_name(x), "x");
  EXPECT_EQ(hopfield_port_dtype(x), HOPFIELD_FLOAT64);
  EXPECT_STREQ(hopfield_port_kind(x), "input");
  ASSERT_EQ(hopfield_port_rank(x), 2u);
  int64_t size = 0;
  const char *symbol = nullptr;
  ASSERT_EQ(hopfield_port_dim(x, 0, &size, &symbol), HOPFIELD_OK);
  EXPECT_EQ(size, -1);
  EXPECT_STREQ(symbol, "x.0");
  ASSERT_EQ(hopfield_port_dim(x, 1, &size, &symbol), HOPFIELD_OK);
  EXPECT_EQ(size, 3);
  EXPECT_EQ(symbol, nullptr);
  EXPECT_EQ(hopfield_port_dim(x, 2, &size, &symbol),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("its rank is 2"));

  const hopfield_port *mask = hopfield_artifact_input(artifact, 1);
  EXPECT_EQ(hopfield_port_dtype(mask), HOPFIELD_BOOL);

  const hopfield_port *steps = hopfield_artifact_output(artifact, 1);
  EXPECT_STREQ(hopfield_port_name(steps), "scale:steps");
  EXPECT_STREQ(hopfield_port_kind(steps), "steps");
  EXPECT_STREQ(hopfield_port_node(steps), "scale");
  EXPECT_EQ(hopfield_port_dtype(steps), HOPFIELD_INT64);
  EXPECT_STREQ(hopfield_port_kind(hopfield_artifact_output(artifact, 0)),
               "tensor");
  EXPECT_STREQ(hopfield_port_node(hopfield_artifact_output(artifact, 0)), "");

  EXPECT_EQ(hopfield_artifact_input(artifact, 2), nullptr);
  EXPECT_THAT(hopfield_last_error(),
              HasSubstr("input index 2 is out of range; the artifact has 2"));

  size_t index = 7;
  EXPECT_EQ(hopfield_artifact_find_input(artifact, "mask", &index),
            HOPFIELD_OK);
  EXPECT_EQ(index, 1u);
  EXPECT_EQ(hopfield_artifact_find_output(artifact, "scale:steps", &index),
            HOPFIELD_OK);
  EXPECT_EQ(index, 1u);
  EXPECT_EQ(hopfield_artifact_find_input(artifact, "y", &index),
            HOPFIELD_ERROR_NOT_FOUND);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("has no input 'y'"));
}

TEST_F(ScaleTest, RunsWithDynamicSize) {
  for (int64_t rows : {5, 1, 0}) {
    makeInputs(rows);
    ASSERT_EQ(run(), HOPFIELD_OK) << hopfield_last_error();
    EXPECT_STREQ(hopfield_last_error(), "");
    hopfield_tensor *y = outputs[0];
    ASSERT_EQ(hopfield_tensor_rank(y), 2u);
    EXPECT_EQ(hopfield_tensor_shape(y)[0], rows);
    EXPECT_EQ(hopfield_tensor_shape(y)[1], 3);
    EXPECT_EQ(hopfield_tensor_dtype(y), HOPFIELD_FLOAT64);
    EXPECT_EQ(hopfield_tensor_byte_size(y), size_t(rows * 3 * 8));
    const double *values = static_cast<const double *>(hopfield_tensor_data(y));
    for (int64_t k = 0; k < rows * 3; ++k)
      EXPECT_EQ(values[k], 2.0 * k);

    const int64_t *steps = nullptr;
    size_t heads = 0;
    ASSERT_EQ(
        hopfield_node_steps(artifact, outputs, 2, "scale", &steps, &heads),
        HOPFIELD_OK)
        << hopfield_last_error();
    ASSERT_EQ(heads, 2u);
    EXPECT_EQ(steps[0], rows);
    EXPECT_EQ(steps[1], rows + 1);
    EXPECT_EQ(hopfield_node_steps(artifact, outputs, 2, "pool", &steps, &heads),
              HOPFIELD_ERROR_NOT_FOUND);
    EXPECT_THAT(hopfield_last_error(),
                HasSubstr("no steps output for node 'pool'"));
    releaseTensors();
  }
}

TEST_F(ScaleTest, RejectsStaticSizeMismatch) {
  makeInputs(2, 4);
  EXPECT_EQ(run(), HOPFIELD_ERROR_SHAPE_MISMATCH);
  EXPECT_STREQ(hopfield_last_error(), "input 'x' dimension 1 is 4, expected 3");
  EXPECT_EQ(outputs[0], nullptr);
  EXPECT_EQ(outputs[1], nullptr);
}

TEST_F(ScaleTest, RejectsSymbolicDimensionDisagreement) {
  makeInputs(2, 3, 3);
  EXPECT_EQ(run(), HOPFIELD_ERROR_SHAPE_MISMATCH);
  EXPECT_STREQ(hopfield_last_error(),
               "input 'mask' dimension 0 is 3, but 'x.0' is 2 (from input "
               "'x' dimension 0)");
}

TEST_F(ScaleTest, RejectsWrongRankDtypeAndCount) {
  makeInputs(2);
  hopfield_tensor *flat = makeTensor(HOPFIELD_FLOAT64, {6});
  hopfield_tensor *single = makeTensor(HOPFIELD_FLOAT32, {2, 3});
  const hopfield_tensor *wrongRank[] = {flat, mask};
  EXPECT_EQ(hopfield_run(artifact, wrongRank, 2, outputs, 2),
            HOPFIELD_ERROR_SHAPE_MISMATCH);
  EXPECT_THAT(hopfield_last_error(),
              HasSubstr("input 'x' has rank 1 (shape [6]), expected rank 2"));
  const hopfield_tensor *wrongDtype[] = {single, mask};
  EXPECT_EQ(hopfield_run(artifact, wrongDtype, 2, outputs, 2),
            HOPFIELD_ERROR_DTYPE_MISMATCH);
  EXPECT_STREQ(hopfield_last_error(),
               "input 'x' has dtype float32, expected float64");
  const hopfield_tensor *tooFew[] = {x};
  EXPECT_EQ(hopfield_run(artifact, tooFew, 1, outputs, 2),
            HOPFIELD_ERROR_SHAPE_MISMATCH);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("takes 2 inputs, got 1"));
  const hopfield_tensor *withNull[] = {x, nullptr};
  EXPECT_EQ(hopfield_run(artifact, withNull, 2, outputs, 2),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("input 'mask' is a null"));
  const hopfield_tensor *inputs[] = {x, mask};
  EXPECT_EQ(hopfield_run(artifact, inputs, 2, outputs, 1),
            HOPFIELD_ERROR_SHAPE_MISMATCH);
  EXPECT_EQ(hopfield_run(nullptr, inputs, 2, outputs, 2),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
  hopfield_tensor_destroy(flat);
  hopfield_tensor_destroy(single);
}

TEST_F(ScaleTest, RejectsNonFiniteInput) {
  makeInputs(2);
  double *values = static_cast<double *>(hopfield_tensor_data(x));
  values[5] = std::nan("");
  EXPECT_EQ(run(), HOPFIELD_ERROR_NON_FINITE);
  EXPECT_STREQ(hopfield_last_error(), "input 'x' holds NaN at flat index 5");
  values[5] = 0.0;
  values[2] = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(run(), HOPFIELD_ERROR_NON_FINITE);
  EXPECT_STREQ(hopfield_last_error(),
               "input 'x' holds an infinity at flat index 2");
}

TEST_F(ScaleTest, NormalisesBoolBytes) {
  makeInputs(3);
  auto *keep = static_cast<unsigned char *>(hopfield_tensor_data(mask));
  keep[0] = 7;
  keep[1] = 0;
  keep[2] = 255;
  ASSERT_EQ(run(), HOPFIELD_OK) << hopfield_last_error();
  const double *y =
      static_cast<const double *>(hopfield_tensor_data(outputs[0]));
  for (int64_t j = 0; j < 3; ++j) {
    EXPECT_EQ(y[j], 2.0 * j);
    EXPECT_EQ(y[3 + j], 0.0);
    EXPECT_EQ(y[6 + j], 2.0 * (6 + j));
  }
  // The caller's tensor is not modified.
  EXPECT_EQ(keep[0], 7);
  EXPECT_EQ(keep[2], 255);
}

TEST_F(ScaleTest, RunsFromSeveralThreads) {
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int id = 0; id < 4; ++id)
    threads.emplace_back([&, id] {
      for (int iter = 0; iter < 50; ++iter) {
        int64_t rows = 1 + (id * 7 + iter) % 9;
        hopfield::Tensor in(HOPFIELD_FLOAT64, {rows, 3});
        hopfield::Tensor keep(HOPFIELD_BOOL, {rows});
        for (size_t k = 0; k < in.numElements(); ++k)
          in.data<double>()[k] = double(k + id);
        for (size_t k = 0; k < keep.numElements(); ++k)
          keep.data<uint8_t>()[k] = 1;
        const hopfield_tensor *inputs[] = {in.get(), keep.get()};
        hopfield_tensor *out[2] = {nullptr, nullptr};
        if (hopfield_run(artifact, inputs, 2, out, 2) != HOPFIELD_OK) {
          ++failures[id];
          continue;
        }
        hopfield::Tensor y(out[0]), steps(out[1]);
        for (size_t k = 0; k < y.numElements(); ++k)
          if (y.data<double>()[k] != 2.0 * double(k + id))
            ++failures[id];
        if (steps.data<int64_t>()[0] != rows)
          ++failures[id];
      }
    });
  for (std::thread &t : threads)
    t.join();
  for (int id = 0; id < 4; ++id)
    EXPECT_EQ(failures[id], 0) << "thread " << id;
}

TEST(RuntimeOpen, RejectsWrongTarget) {
  setenv("HOPFIELD_FAKE_MANIFEST",
         R"({"format": "hopfield-artifact/1", "model": "m", "target": "tpu",
             "precision": "f32", "inputs": [], "outputs": []})",
         1);
  hopfield_artifact *a = nullptr;
  EXPECT_EQ(hopfield_artifact_open(FAKE_ENVMANIFEST_ARTIFACT, &a),
            HOPFIELD_ERROR_WRONG_TARGET);
  EXPECT_EQ(a, nullptr);
  EXPECT_EQ(std::string(hopfield_last_error()),
            std::string("artifact '") + FAKE_ENVMANIFEST_ARTIFACT +
                "' targets 'tpu'; this runtime runs 'cpu' and 'cuda' "
                "artifacts");
  unsetenv("HOPFIELD_FAKE_MANIFEST");
}

TEST(RuntimeOpen, RejectsMalformedManifest) {
  hopfield_artifact *a = nullptr;
  EXPECT_EQ(hopfield_artifact_open(FAKE_MALFORMED_ARTIFACT, &a),
            HOPFIELD_ERROR_BAD_ARTIFACT);
  EXPECT_EQ(a, nullptr);
  EXPECT_THAT(hopfield_last_error(),
              HasSubstr("has a bad manifest: manifest is not valid JSON"));
}

TEST(RuntimeOpen, RejectsMissingSymbol) {
  hopfield_artifact *a = nullptr;
  EXPECT_EQ(hopfield_artifact_open(FAKE_NORUN_ARTIFACT, &a),
            HOPFIELD_ERROR_BAD_ARTIFACT);
  EXPECT_THAT(hopfield_last_error(),
              HasSubstr("does not export 'hopfield_artifact_run'"));
}

TEST(RuntimeOpen, RejectsMissingAndNonLibraryFiles) {
  hopfield_artifact *a = nullptr;
  EXPECT_EQ(hopfield_artifact_open("/nonexistent/model.so", &a),
            HOPFIELD_ERROR_IO);
  EXPECT_STREQ(hopfield_last_error(), "cannot open artifact "
                                      "'/nonexistent/model.so': No such file "
                                      "or directory");
  EXPECT_EQ(hopfield_artifact_open("/", &a), HOPFIELD_ERROR_IO);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("not a regular file"));

  std::string text = ::testing::TempDir() + "runtime-test-not-elf.so";
  std::ofstream(text) << "not a shared library\n";
  EXPECT_EQ(hopfield_artifact_open(text.c_str(), &a),
            HOPFIELD_ERROR_BAD_ARTIFACT);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("cannot load artifact"));
  std::remove(text.c_str());

  EXPECT_EQ(hopfield_artifact_open(nullptr, &a),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(hopfield_artifact_open("x.so", nullptr),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
}

/// Opens the environment-manifest artifact with `manifest` and returns the
/// status; the message is in hopfield_last_error().
hopfield_status openWithManifest(const char *manifest) {
  if (manifest)
    setenv("HOPFIELD_FAKE_MANIFEST", manifest, 1);
  else
    unsetenv("HOPFIELD_FAKE_MANIFEST");
  hopfield_artifact *a = nullptr;
  hopfield_status status =
      hopfield_artifact_open(FAKE_ENVMANIFEST_ARTIFACT, &a);
  hopfield_artifact_close(a);
  return status;
}

TEST(RuntimeManifest, ValidatesEveryField) {
  const std::string head = R"({"format": "hopfield-artifact/1", "model": "m",
      "target": "cpu", "precision": "f32", )";
  struct Case {
    std::string manifest;
    const char *message;
  } cases[] = {
      {R"({"format": "hopfield-artifact/2"})",
       "manifest format 'hopfield-artifact/2' is not supported (expected "
       "'hopfield-artifact/1')"},
      {"[1, 2]", "manifest must be a JSON object, not array"},
      {R"({"model": "m"})", "manifest has no 'format'"},
      {R"({"format": "hopfield-artifact/1", "model": 3})",
       "manifest field 'model' must be a string, not number"},
      {head + R"("inputs": {}, "outputs": []})",
       "manifest needs an 'inputs' array"},
      {head + R"("inputs": [{"name": "x", "dtype": "float16", "shape": []}],
                 "outputs": []})",
       "input 'x' has unknown dtype 'float16' (expected float32, float64, "
       "bool or int64)"},
      {head + R"("inputs": [{"name": "x", "dtype": "float32", "shape": [-1]}],
                 "outputs": []})",
       "input 'x' dimension 0 is negative"},
      {head + R"("inputs": [{"name": "x", "dtype": "float32", "shape": [1.5]}],
                 "outputs": []})",
       "input 'x' dimension 0 must be a non-negative integer or a dimension "
       "name, not 1.5"},
      {head + R"("inputs": [7], "outputs": []})",
       "input #0 must be an object, not number"},
      {head + R"("inputs": [], "outputs": [{"name": "y", "dtype": "float32",
                 "shape": ["z.0"], "kind": "tensor"}]})",
       "output 'y' dimension 0 is 'z.0', which no input carries"},
      {head + R"("inputs": [], "outputs": [{"name": "y", "dtype": "float32",
                 "shape": [], "kind": "stats"}]})",
       "output 'y' has unknown kind 'stats' (expected tensor or steps)"},
      {head + R"("inputs": [], "outputs": [{"name": "s", "dtype": "float32",
                 "shape": [2], "kind": "steps", "node": "n"}]})",
       "output 's' is a steps output and must be a rank-1 int64 tensor"},
      {head + R"("inputs": [{"name": "x", "dtype": "bool", "shape": []}],
                 "outputs": [{"name": "x", "dtype": "bool", "shape": [],
                 "kind": "tensor"}]})",
       "manifest names 'x' twice"},
  };
  for (const Case &c : cases) {
    EXPECT_EQ(openWithManifest(c.manifest.c_str()), HOPFIELD_ERROR_BAD_ARTIFACT)
        << c.manifest;
    EXPECT_THAT(hopfield_last_error(), HasSubstr(c.message)) << c.manifest;
  }
  EXPECT_EQ(openWithManifest(nullptr), HOPFIELD_ERROR_BAD_ARTIFACT);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("returned no manifest"));
  EXPECT_EQ(
      openWithManifest((head + R"("inputs": [], "outputs": []})").c_str()),
      HOPFIELD_OK)
      << hopfield_last_error();
}

TEST(RuntimeTensor, CreatesAlignedZeroedTensors) {
  hopfield_tensor *t = makeTensor(HOPFIELD_FLOAT32, {3, 5});
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(hopfield_tensor_data(t)) % 64, 0u);
  EXPECT_EQ(hopfield_tensor_num_elements(t), 15u);
  EXPECT_EQ(hopfield_tensor_byte_size(t), 60u);
  const float *values = static_cast<const float *>(hopfield_tensor_data(t));
  for (size_t k = 0; k < 15; ++k)
    EXPECT_EQ(values[k], 0.0f);
  hopfield_tensor_destroy(t);

  hopfield_tensor *scalar = nullptr;
  ASSERT_EQ(hopfield_tensor_create(HOPFIELD_INT64, 0, nullptr, &scalar),
            HOPFIELD_OK);
  EXPECT_EQ(hopfield_tensor_num_elements(scalar), 1u);
  EXPECT_EQ(hopfield_tensor_shape(scalar), nullptr);
  hopfield_tensor_destroy(scalar);

  hopfield_tensor *bad = nullptr;
  int64_t negative[] = {2, -1};
  EXPECT_EQ(hopfield_tensor_create(HOPFIELD_FLOAT32, 2, negative, &bad),
            HOPFIELD_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(
      hopfield_last_error(),
      "cannot create tensor of shape [2, -1]: dimension 1 is negative");
  int64_t huge[] = {int64_t(1) << 40, int64_t(1) << 40};
  EXPECT_EQ(hopfield_tensor_create(HOPFIELD_FLOAT64, 2, huge, &bad),
            HOPFIELD_ERROR_OUT_OF_MEMORY);
  EXPECT_THAT(hopfield_last_error(), HasSubstr("it is too large"));
  EXPECT_EQ(
      hopfield_tensor_create(static_cast<hopfield_dtype>(42), 0, nullptr, &bad),
      HOPFIELD_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(bad, nullptr);
}

TEST(RuntimeErrors, LastErrorIsPerThread) {
  hopfield_artifact *a = nullptr;
  EXPECT_NE(hopfield_artifact_open("/nonexistent.so", &a), HOPFIELD_OK);
  std::string other = "unset";
  std::thread([&] { other = hopfield_last_error(); }).join();
  EXPECT_EQ(other, "");
  EXPECT_THAT(hopfield_last_error(), HasSubstr("/nonexistent.so"));
  EXPECT_STREQ(hopfield_status_name(HOPFIELD_ERROR_WRONG_TARGET),
               "wrong target");
  hopfield_dtype dtype;
  EXPECT_EQ(hopfield_dtype_from_name("int64", &dtype), HOPFIELD_OK);
  EXPECT_EQ(dtype, HOPFIELD_INT64);
  EXPECT_EQ(hopfield_dtype_size(HOPFIELD_BOOL), 1u);
}

TEST(RuntimeCpp, WrapsArtifactsAndTensors) {
  hopfield::Artifact artifact(FAKE_SCALE_ARTIFACT);
  EXPECT_EQ(artifact.model(), "fake-scale");
  std::vector<hopfield::Port> inputs = artifact.inputs();
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].shape[0].symbol, "x.0");
  EXPECT_EQ(inputs[0].shape[1].size, 3);
  EXPECT_EQ(artifact.outputs()[1].node, "scale");

  std::vector<hopfield::Tensor> args;
  args.emplace_back(HOPFIELD_FLOAT64, std::vector<int64_t>{2, 3});
  args.emplace_back(HOPFIELD_BOOL, std::vector<int64_t>{2});
  for (size_t k = 0; k < 6; ++k)
    args[0].data<double>()[k] = 0.5 * double(k);
  args[1].data<uint8_t>()[0] = 1;
  std::vector<hopfield::Tensor> results = artifact.run(args);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(results[0].data<double>()[2], 2.0);
  EXPECT_EQ(results[0].data<double>()[5], 0.0);
  EXPECT_EQ(artifact.steps(results, "scale"), (std::vector<int64_t>{2, 3}));

  hopfield::Artifact moved = std::move(artifact);
  EXPECT_EQ(artifact.get(), nullptr);
  args[1] = hopfield::Tensor(HOPFIELD_BOOL, {5});
  try {
    moved.run(args);
    FAIL() << "expected a RuntimeError";
  } catch (const hopfield::RuntimeError &e) {
    EXPECT_EQ(e.getStatus(), HOPFIELD_ERROR_SHAPE_MISMATCH);
    EXPECT_THAT(e.what(), HasSubstr("input 'mask' dimension 0 is 5"));
  }
  try {
    hopfield::Artifact missing("/nonexistent/artifact.so");
    FAIL() << "expected a RuntimeError";
  } catch (const hopfield::RuntimeError &e) {
    EXPECT_EQ(e.getStatus(), HOPFIELD_ERROR_IO);
  }
}

} // namespace
