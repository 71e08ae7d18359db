//===- CudaDriver.h - the CUDA driver API, loaded at run time ---*- C++ -*-===//
//
// CUDA artifacts run through the CUDA driver API, which the runtime loads
// with dlopen("libcuda.so.1") on first use: no link-time dependency, so the
// runtime loads, and CPU artifacts run, on machines without a GPU or driver.
// The declarations below are the driver's stable C ABI (cuda.h is not
// needed to build). HOPFIELD_CUDA_DRIVER names another library to load
// instead (tests use it to simulate a missing driver or device).
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_CUDADRIVER_H
#define RUNTIME_CUDADRIVER_H

#include <cstddef>
#include <string>

namespace hopfield::runtime {

/// The driver functions the runtime and the GPU wrappers call. Handles are
/// opaque pointers; device pointers are 64-bit integers (CUdeviceptr).
struct CudaDriver {
  using Result = int; // CUresult; 0 is CUDA_SUCCESS
  using DevicePtr = unsigned long long;

  Result (*init)(unsigned flags);
  Result (*deviceGetCount)(int *count);
  Result (*deviceGet)(int *device, int ordinal);
  Result (*primaryCtxRetain)(void **context, int device);
  Result (*ctxSetCurrent)(void *context);
  Result (*moduleLoadData)(void **module, const void *image);
  Result (*moduleLoadDataEx)(void **module, const void *image,
                             unsigned numOptions, int *options,
                             void **values);
  Result (*moduleUnload)(void *module);
  Result (*moduleGetFunction)(void **function, void *module,
                              const char *name);
  Result (*funcSetAttribute)(void *function, int attribute, int value);
  Result (*launchKernel)(void *function, unsigned gridX, unsigned gridY,
                         unsigned gridZ, unsigned blockX, unsigned blockY,
                         unsigned blockZ, unsigned sharedBytes, void *stream,
                         void **params, void **extra);
  Result (*streamCreate)(void **stream, unsigned flags);
  Result (*streamDestroy)(void *stream);
  Result (*streamSynchronize)(void *stream);
  Result (*streamWaitEvent)(void *stream, void *event, unsigned flags);
  Result (*memAlloc)(DevicePtr *pointer, size_t bytes);
  Result (*memFree)(DevicePtr pointer);
  Result (*memcpyAsync)(DevicePtr dst, DevicePtr src, size_t bytes,
                        void *stream);
  Result (*memsetD32Async)(DevicePtr dst, unsigned value, size_t count,
                           void *stream);
  Result (*eventCreate)(void **event, unsigned flags);
  Result (*eventDestroy)(void *event);
  Result (*eventRecord)(void *event, void *stream);
  Result (*eventSynchronize)(void *event);
  Result (*eventElapsedTime)(float *milliseconds, void *start, void *end);
  Result (*getErrorName)(Result result, const char **name);

  /// The device-0 primary context, current on the thread that loaded the
  /// driver; `makeCurrent` makes it current on the calling thread.
  void *context = nullptr;
  Result makeCurrent() const { return ctxSetCurrent(context); }

  /// "CUDA_ERROR_OUT_OF_MEMORY", or "CUDA error 2" when the driver has no
  /// name for it.
  std::string errorName(Result result) const;
};

/// The driver with device 0's primary context, loaded and initialised once
/// per process; null when that failed, with the reason in `message` (which
/// starts "no CUDA driver" or "no CUDA device").
const CudaDriver *getCudaDriver(std::string &message);

/// First CUDA failure inside a GPU wrapper called by an artifact (the
/// wrappers return nothing): recorded per thread, taken by the runtime after
/// the artifact call returns. Empty when there was none.
void recordCudaFailure(const std::string &message);
std::string takeCudaFailure();

} // namespace hopfield::runtime

#endif // RUNTIME_CUDADRIVER_H
