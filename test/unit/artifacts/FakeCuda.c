/*===- FakeCuda.c - A hand-written CUDA artifact ---------------------------===//
 *
 * Declares target "cuda" and does what a compiled CUDA artifact's host code
 * does, through the runtime's mgpu* functions: its constructor loads a GPU
 * module, its run copies x to the device, launches the module's kernel
 * "copy" on (y, x, 4), copies y back and frees the device buffers. With the
 * fake driver (FakeCudaDriver.c) the kernel runs on the host, so the
 * runtime's CUDA plumbing is tested without a GPU; without a driver the
 * runtime must refuse the artifact.
 *
 *===----------------------------------------------------------------------===*/

#include "FakeMemRef.h"

#include <stdbool.h>
#include <stddef.h>

void *mgpuModuleLoad(void *data, size_t size);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void *mgpuStreamCreate(void);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamDestroy(void *stream);
void *mgpuMemAlloc(uint64_t bytes, void *stream, bool isHostShared);
void mgpuMemFree(void *pointer, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t paramsCount);

static char image[] = "fake GPU module";
static void *module;

__attribute__((constructor)) static void load(void) {
  module = mgpuModuleLoad(image, sizeof image);
}

__attribute__((destructor)) static void unload(void) {
  mgpuModuleUnload(module);
}

const char *hopfield_artifact_manifest(void) {
  return "{\"format\": \"hopfield-artifact/1\", \"model\": \"fake-cuda\","
         " \"target\": \"cuda\", \"precision\": \"f32\","
         " \"inputs\": [{\"name\": \"x\", \"dtype\": \"float32\","
         " \"shape\": [4]}],"
         " \"outputs\": [{\"name\": \"y\", \"dtype\": \"float32\","
         " \"shape\": [4], \"kind\": \"tensor\"}]}";
}

void hopfield_artifact_run(void **descriptors) {
  FakeMemRef1 *x = descriptors[0], *y = descriptors[1];
  const size_t bytes = 4 * sizeof(float);
  void *stream = mgpuStreamCreate();
  void *dx = mgpuMemAlloc(bytes, stream, false);
  void *dy = mgpuMemAlloc(bytes, stream, false);
  mgpuMemcpy(dx, x->aligned, bytes, stream);
  int64_t count = 4;
  void *params[] = {&dy, &dx, &count};
  mgpuLaunchKernel(mgpuModuleGetFunction(module, "copy"), 1, 1, 1, 4, 1, 1,
                   0, stream, params, NULL, 3);
  mgpuMemcpy(y->aligned, dy, bytes, stream);
  mgpuStreamSynchronize(stream);
  mgpuMemFree(dx, stream);
  mgpuMemFree(dy, stream);
  mgpuStreamDestroy(stream);
}
