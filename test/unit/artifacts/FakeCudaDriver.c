/*===- FakeCudaDriver.c - A CUDA driver stand-in on the host ---------------===//
 *
 * Exports the driver entry points the runtime resolves (runtime/
 * CudaDriver.h) with the driver's C signatures, working on host memory:
 * device pointers are host pointers, a module has one kernel "copy"
 * (params: float *dst, const float *src, int64_t count) that runs on the
 * host when launched. FAKE_CUDA_MODE chooses a failure: "no-device" (cuInit
 * fails with CUDA_ERROR_NO_DEVICE), "launch-fails" (cuLaunchKernel fails
 * with CUDA_ERROR_LAUNCH_FAILED), "load-fails" (module loading fails with
 * CUDA_ERROR_INVALID_IMAGE). The runtime loads it through
 * HOPFIELD_CUDA_DRIVER.
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
enum {
  SUCCESS = 0,
  INVALID_VALUE = 1,
  NO_DEVICE = 100,
  INVALID_IMAGE = 200,
  NOT_FOUND = 500,
  LAUNCH_FAILED = 719
};

static int mode(const char *name) {
  const char *m = getenv("FAKE_CUDA_MODE");
  return m && strcmp(m, name) == 0;
}

static void copyKernel(void **params) {
  float *dst = *(float **)params[0];
  const float *src = *(const float **)params[1];
  int64_t count = *(int64_t *)params[2];
  memcpy(dst, src, (size_t)count * sizeof(float));
}

static int context, moduleHandle, stream, event;

CUresult cuInit(unsigned flags) {
  (void)flags;
  return mode("no-device") ? NO_DEVICE : SUCCESS;
}
CUresult cuDeviceGetCount(int *count) {
  *count = 1;
  return SUCCESS;
}
CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return SUCCESS;
}
CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  (void)device;
  *ctx = &context;
  return SUCCESS;
}
CUresult cuCtxSetCurrent(void *ctx) { return ctx == &context ? SUCCESS : INVALID_VALUE; }
CUresult cuModuleLoadData(void **module, const void *image) {
  (void)image;
  *module = mode("load-fails") ? NULL : &moduleHandle;
  return mode("load-fails") ? INVALID_IMAGE : SUCCESS;
}
CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned n,
                            int *options, void **values) {
  (void)n, (void)options, (void)values;
  return cuModuleLoadData(module, image);
}
CUresult cuModuleUnload(void *module) {
  return module == &moduleHandle ? SUCCESS : INVALID_VALUE;
}
CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  if (module != &moduleHandle)
    return INVALID_VALUE;
  if (strcmp(name, "copy") != 0)
    return NOT_FOUND;
  *function = (void *)copyKernel;
  return SUCCESS;
}
CUresult cuFuncSetAttribute(void *f, int attribute, int value) {
  (void)f, (void)attribute, (void)value;
  return SUCCESS;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned smem,
                        void *s, void **params, void **extra) {
  (void)gx, (void)gy, (void)gz, (void)bx, (void)by, (void)bz, (void)smem,
      (void)s, (void)extra;
  if (mode("launch-fails"))
    return LAUNCH_FAILED;
  ((void (*)(void **))f)(params);
  return SUCCESS;
}
CUresult cuStreamCreate(void **s, unsigned flags) {
  (void)flags;
  *s = &stream;
  return SUCCESS;
}
CUresult cuStreamDestroy_v2(void *s) { return s == &stream ? SUCCESS : INVALID_VALUE; }
CUresult cuStreamSynchronize(void *s) { (void)s; return SUCCESS; }
CUresult cuStreamWaitEvent(void *s, void *e, unsigned flags) {
  (void)s, (void)e, (void)flags;
  return SUCCESS;
}
CUresult cuMemAlloc_v2(unsigned long long *p, size_t bytes) {
  *p = (unsigned long long)(uintptr_t)malloc(bytes);
  return *p ? SUCCESS : INVALID_VALUE;
}
CUresult cuMemFree_v2(unsigned long long p) {
  free((void *)(uintptr_t)p);
  return SUCCESS;
}
CUresult cuMemcpyAsync(unsigned long long dst, unsigned long long src,
                       size_t bytes, void *s) {
  (void)s;
  memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, bytes);
  return SUCCESS;
}
CUresult cuMemsetD32Async(unsigned long long dst, unsigned value, size_t n,
                          void *s) {
  (void)s;
  for (size_t i = 0; i < n; ++i)
    ((unsigned *)(uintptr_t)dst)[i] = value;
  return SUCCESS;
}
CUresult cuEventCreate(void **e, unsigned flags) {
  (void)flags;
  *e = &event;
  return SUCCESS;
}
CUresult cuEventDestroy_v2(void *e) { (void)e; return SUCCESS; }
CUresult cuEventRecord(void *e, void *s) { (void)e, (void)s; return SUCCESS; }
CUresult cuEventSynchronize(void *e) { (void)e; return SUCCESS; }
/* A fixed 1.5 ms between any two events: tests see that a time measured
   by events reached them. */
CUresult cuEventElapsedTime(float *ms, void *a, void *b) {
  (void)a, (void)b;
  *ms = 1.5f;
  return SUCCESS;
}
CUresult cuGetErrorName(CUresult r, const char **name) {
  switch (r) {
  case SUCCESS: *name = "CUDA_SUCCESS"; return SUCCESS;
  case INVALID_VALUE: *name = "CUDA_ERROR_INVALID_VALUE"; return SUCCESS;
  case NO_DEVICE: *name = "CUDA_ERROR_NO_DEVICE"; return SUCCESS;
  case INVALID_IMAGE: *name = "CUDA_ERROR_INVALID_IMAGE"; return SUCCESS;
  case NOT_FOUND: *name = "CUDA_ERROR_NOT_FOUND"; return SUCCESS;
  case LAUNCH_FAILED: *name = "CUDA_ERROR_LAUNCH_FAILED"; return SUCCESS;
  }
  *name = NULL;
  return INVALID_VALUE;
}
