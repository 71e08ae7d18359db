//===- GpuWrappers.cpp - what lowered GPU host code calls -----------------===//
//
// MLIR's gpu-to-llvm lowering turns module loads, launches, streams, events
// and device memory into calls to `mgpu*` functions (the ABI of MLIR's CUDA
// runtime wrappers, which Debian's MLIR does not ship). A CUDA artifact
// leaves them undefined; the runtime exports them, implemented on the
// driver it loaded (CudaDriver.h). They return nothing, so the first
// failure is recorded per thread and reported by hopfield_run once the
// artifact returns; later calls on that thread are still made (the driver
// rejects them cheaply) but do not overwrite the first message.
//
//===----------------------------------------------------------------------===//

#include "runtime/CudaDriver.h"
#include "runtime/GpuTiming.h"

#include <cstdint>

using namespace hopfield::runtime;

#define HOPFIELD_GPU_ABI extern "C" __attribute__((visibility("default")))

namespace {

/// The driver with its context current on this thread, or null after
/// recording why not.
const CudaDriver *driver() {
  std::string message;
  const CudaDriver *d = getCudaDriver(message);
  if (!d) {
    recordCudaFailure(message);
    return nullptr;
  }
  if (CudaDriver::Result r = d->makeCurrent()) {
    recordCudaFailure("cuCtxSetCurrent failed with " + d->errorName(r));
    return nullptr;
  }
  return d;
}

/// Records a failed driver call; true when `result` is success.
bool check(const CudaDriver *d, CudaDriver::Result result, const char *call) {
  if (result == 0)
    return true;
  recordCudaFailure(std::string(call) + " failed with " +
                    d->errorName(result));
  return false;
}

/// CU_JIT_OPTIMIZATION_LEVEL of cuda.h's CUjit_option.
constexpr int kJitOptimizationLevel = 7;

} // namespace

HOPFIELD_GPU_ABI void *mgpuModuleLoad(void *data, size_t /*size*/) {
  void *module = nullptr;
  if (const CudaDriver *d = driver())
    check(d, d->moduleLoadData(&module, data), "cuModuleLoadData");
  return module;
}

/// PTX, compiled by the driver at load time.
HOPFIELD_GPU_ABI void *mgpuModuleLoadJIT(void *data, int optLevel) {
  void *module = nullptr;
  if (const CudaDriver *d = driver()) {
    int options[] = {kJitOptimizationLevel};
    void *values[] = {reinterpret_cast<void *>(intptr_t(optLevel))};
    check(d, d->moduleLoadDataEx(&module, data, 1, options, values),
          "cuModuleLoadDataEx (PTX JIT)");
  }
  return module;
}

HOPFIELD_GPU_ABI void mgpuModuleUnload(void *module) {
  if (const CudaDriver *d = module ? driver() : nullptr)
    check(d, d->moduleUnload(module), "cuModuleUnload");
}

HOPFIELD_GPU_ABI void *mgpuModuleGetFunction(void *module, const char *name) {
  void *function = nullptr;
  if (const CudaDriver *d = module ? driver() : nullptr)
    check(d, d->moduleGetFunction(&function, module, name),
          "cuModuleGetFunction");
  return function;
}

HOPFIELD_GPU_ABI void mgpuLaunchKernel(void *function, intptr_t gridX,
                                       intptr_t gridY, intptr_t gridZ,
                                       intptr_t blockX, intptr_t blockY,
                                       intptr_t blockZ, int32_t sharedBytes,
                                       void *stream, void **params,
                                       void **extra, size_t /*paramsCount*/) {
  const CudaDriver *d = function ? driver() : nullptr;
  if (!d) {
    if (function == nullptr)
      recordCudaFailure("kernel launch without a loaded kernel");
    return;
  }
  // Dynamic shared memory over the default 48 KiB needs the kernel's
  // permission first; such a kernel also prefers all of the SM's L1/shared
  // storage as shared memory (or fewer of its blocks fit on an SM).
  constexpr int kDefaultSharedBytes = 48 * 1024;
  constexpr int kMaxDynamicSharedSizeBytes = 8; // CUfunction_attribute
  constexpr int kPreferredSharedCarveout = 9;   // percent of the maximum
  if (sharedBytes > kDefaultSharedBytes &&
      (!check(d,
              d->funcSetAttribute(function, kMaxDynamicSharedSizeBytes,
                                  sharedBytes),
              "cuFuncSetAttribute") ||
       !check(d, d->funcSetAttribute(function, kPreferredSharedCarveout, 100),
              "cuFuncSetAttribute")))
    return;
  check(d,
        d->launchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                        sharedBytes, stream, params, extra),
        "cuLaunchKernel");
}

HOPFIELD_GPU_ABI void *mgpuStreamCreate() {
  void *stream = nullptr;
  if (const CudaDriver *d = driver())
    if (check(d, d->streamCreate(&stream, /*CU_STREAM_NON_BLOCKING=*/1),
              "cuStreamCreate"))
      noteStreamCreated(*d, stream);
  return stream;
}

HOPFIELD_GPU_ABI void mgpuStreamDestroy(void *stream) {
  if (const CudaDriver *d = stream ? driver() : nullptr)
    check(d, d->streamDestroy(stream), "cuStreamDestroy");
}

HOPFIELD_GPU_ABI void mgpuStreamSynchronize(void *stream) {
  if (const CudaDriver *d = driver()) {
    noteStreamSynchronize(*d, stream);
    check(d, d->streamSynchronize(stream), "cuStreamSynchronize");
  }
}

HOPFIELD_GPU_ABI void mgpuStreamWaitEvent(void *stream, void *event) {
  if (const CudaDriver *d = event ? driver() : nullptr)
    check(d, d->streamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

HOPFIELD_GPU_ABI void *mgpuEventCreate() {
  void *event = nullptr;
  if (const CudaDriver *d = driver())
    check(d, d->eventCreate(&event, /*CU_EVENT_DISABLE_TIMING=*/2),
          "cuEventCreate");
  return event;
}

HOPFIELD_GPU_ABI void mgpuEventDestroy(void *event) {
  if (const CudaDriver *d = event ? driver() : nullptr)
    check(d, d->eventDestroy(event), "cuEventDestroy");
}

HOPFIELD_GPU_ABI void mgpuEventSynchronize(void *event) {
  if (const CudaDriver *d = event ? driver() : nullptr)
    check(d, d->eventSynchronize(event), "cuEventSynchronize");
}

HOPFIELD_GPU_ABI void mgpuEventRecord(void *event, void *stream) {
  if (const CudaDriver *d = event ? driver() : nullptr)
    check(d, d->eventRecord(event, stream), "cuEventRecord");
}

HOPFIELD_GPU_ABI void *mgpuMemAlloc(uint64_t bytes, void * /*stream*/,
                                    bool /*isHostShared*/) {
  CudaDriver::DevicePtr pointer = 0;
  if (const CudaDriver *d = bytes ? driver() : nullptr)
    check(d, d->memAlloc(&pointer, bytes), "cuMemAlloc");
  return reinterpret_cast<void *>(pointer);
}

HOPFIELD_GPU_ABI void mgpuMemFree(void *pointer, void * /*stream*/) {
  if (const CudaDriver *d = pointer ? driver() : nullptr)
    check(d, d->memFree(reinterpret_cast<CudaDriver::DevicePtr>(pointer)),
          "cuMemFree");
}

/// Any direction: unified virtual addressing tells host from device.
HOPFIELD_GPU_ABI void mgpuMemcpy(void *dst, void *src, size_t bytes,
                                 void *stream) {
  if (const CudaDriver *d = bytes ? driver() : nullptr)
    check(d,
          d->memcpyAsync(reinterpret_cast<CudaDriver::DevicePtr>(dst),
                         reinterpret_cast<CudaDriver::DevicePtr>(src), bytes,
                         stream),
          "cuMemcpyAsync");
}

HOPFIELD_GPU_ABI void mgpuMemset32(void *dst, unsigned value, size_t count,
                                   void *stream) {
  if (const CudaDriver *d = count ? driver() : nullptr)
    check(d,
          d->memsetD32Async(reinterpret_cast<CudaDriver::DevicePtr>(dst),
                            value, count, stream),
          "cuMemsetD32Async");
}
