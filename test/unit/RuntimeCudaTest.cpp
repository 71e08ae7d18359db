//===- RuntimeCudaTest.cpp - CUDA artifacts without a GPU -----------------===//
//
// The runtime's CUDA path (runtime/CudaDriver.h, GpuWrappers.cpp) against
// the hand-written CUDA artifact (test/unit/artifacts/FakeCuda.c) and a
// stand-in driver that works on host memory (FakeCudaDriver.c). The driver
// is loaded once per process, so each case runs in a child process with its
// own HOPFIELD_CUDA_DRIVER / FAKE_CUDA_MODE (EXPECT_EXIT).
//
//===----------------------------------------------------------------------===//

#include "runtime/hopfield_runtime.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

/// In the child: sets the driver and mode, opens the fake CUDA artifact
/// and, when that works, runs it on x = (1, 2, 3, 4). Prints the status of
/// the first failing call and the last error, or "y = ..." and the run's GPU
/// time by CUDA events after a run, and exits 0.
[[noreturn]] void openAndRun(const char *driver, const char *mode) {
  setenv("HOPFIELD_CUDA_DRIVER", driver, 1);
  setenv("FAKE_CUDA_MODE", mode, 1);
  hopfield_artifact *a = nullptr;
  hopfield_status status = hopfield_artifact_open(FAKE_CUDA_ARTIFACT, &a);
  if (status != HOPFIELD_OK) {
    fprintf(stderr, "open: %s: %s\n", hopfield_status_name(status),
            hopfield_last_error());
    exit(0);
  }
  int64_t shape[] = {4};
  hopfield_tensor *x = nullptr, *y = nullptr;
  hopfield_tensor_create(HOPFIELD_FLOAT32, 1, shape, &x);
  float *xs = static_cast<float *>(hopfield_tensor_data(x));
  for (int i = 0; i < 4; ++i)
    xs[i] = float(i + 1);
  status = hopfield_run(a, &x, 1, &y, 1);
  if (status != HOPFIELD_OK) {
    fprintf(stderr, "run: %s: %s\n", hopfield_status_name(status),
            hopfield_last_error());
    exit(0);
  }
  const float *ys = static_cast<const float *>(hopfield_tensor_const_data(y));
  double gpuMs = -1;
  status = hopfield_last_gpu_time_ms(&gpuMs);
  fprintf(stderr, "y = %g %g %g %g, gpu %s %g ms\n", ys[0], ys[1], ys[2],
          ys[3], hopfield_status_name(status), gpuMs);
  exit(0);
}

TEST(RuntimeCuda, WithoutDriverTheArtifactIsRefused) {
  EXPECT_EXIT(openAndRun("/nonexistent/libcuda.so.1", ""),
              ::testing::ExitedWithCode(0),
              "open: no CUDA device: artifact '.*fake_cuda_artifact.so' "
              "targets 'cuda', but no CUDA driver: cannot load "
              "/nonexistent/libcuda.so.1 \\(");
}

TEST(RuntimeCuda, WithoutDeviceTheArtifactIsRefused) {
  EXPECT_EXIT(openAndRun(FAKE_CUDA_DRIVER, "no-device"),
              ::testing::ExitedWithCode(0),
              "open: no CUDA device: .* targets 'cuda', but no CUDA device: "
              "cuInit failed with CUDA_ERROR_NO_DEVICE");
}

TEST(RuntimeCuda, RunsThroughTheDriver) {
  // Module load in the constructor, device buffers, copies both ways and a
  // launch whose parameters reach the kernel; the run timed by events
  // (the stand-in's elapsed time is 1.5 ms).
  EXPECT_EXIT(openAndRun(FAKE_CUDA_DRIVER, "works"),
              ::testing::ExitedWithCode(0),
              "^y = 1 2 3 4, gpu ok 1.5 ms\n$");
}

TEST(RuntimeCuda, ModuleLoadFailureIsReportedAtOpen) {
  EXPECT_EXIT(openAndRun(FAKE_CUDA_DRIVER, "load-fails"),
              ::testing::ExitedWithCode(0),
              "open: CUDA failure: artifact .*: loading its GPU code: "
              "cuModuleLoadData failed with CUDA_ERROR_INVALID_IMAGE");
}

TEST(RuntimeCuda, LaunchFailureIsReportedByRun) {
  EXPECT_EXIT(openAndRun(FAKE_CUDA_DRIVER, "launch-fails"),
              ::testing::ExitedWithCode(0),
              "run: CUDA failure: running 'fake-cuda' on the GPU: "
              "cuLaunchKernel failed with CUDA_ERROR_LAUNCH_FAILED");
}

} // namespace
