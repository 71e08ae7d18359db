//===- CudaDriver.cpp - the CUDA driver API, loaded at run time -----------===//

#include "runtime/CudaDriver.h"

#include <dlfcn.h>

#include <cstdlib>
#include <memory>
#include <mutex>

using namespace hopfield::runtime;

namespace {

/// Resolves `names` in order (the versioned entry point first, e.g.
/// cuMemAlloc_v2, then older ones); false when none exists.
template <typename Fn>
bool resolve(void *library, Fn &fn, std::initializer_list<const char *> names,
             std::string &missing) {
  for (const char *name : names) {
    if (void *symbol = dlsym(library, name)) {
      fn = reinterpret_cast<Fn>(symbol);
      return true;
    }
  }
  missing = *names.begin();
  return false;
}

bool resolveAll(void *lib, CudaDriver &d, std::string &missing) {
  return resolve(lib, d.init, {"cuInit"}, missing) &&
         resolve(lib, d.deviceGetCount, {"cuDeviceGetCount"}, missing) &&
         resolve(lib, d.deviceGet, {"cuDeviceGet"}, missing) &&
         resolve(lib, d.primaryCtxRetain, {"cuDevicePrimaryCtxRetain"},
                 missing) &&
         resolve(lib, d.ctxSetCurrent, {"cuCtxSetCurrent"}, missing) &&
         resolve(lib, d.moduleLoadData, {"cuModuleLoadData"}, missing) &&
         resolve(lib, d.moduleLoadDataEx, {"cuModuleLoadDataEx"}, missing) &&
         resolve(lib, d.moduleUnload, {"cuModuleUnload"}, missing) &&
         resolve(lib, d.moduleGetFunction, {"cuModuleGetFunction"},
                 missing) &&
         resolve(lib, d.funcSetAttribute, {"cuFuncSetAttribute"}, missing) &&
         resolve(lib, d.launchKernel, {"cuLaunchKernel"}, missing) &&
         resolve(lib, d.streamCreate, {"cuStreamCreate"}, missing) &&
         resolve(lib, d.streamDestroy, {"cuStreamDestroy_v2"}, missing) &&
         resolve(lib, d.streamSynchronize, {"cuStreamSynchronize"},
                 missing) &&
         resolve(lib, d.streamWaitEvent, {"cuStreamWaitEvent"}, missing) &&
         resolve(lib, d.memAlloc, {"cuMemAlloc_v2"}, missing) &&
         resolve(lib, d.memFree, {"cuMemFree_v2"}, missing) &&
         resolve(lib, d.memcpyAsync, {"cuMemcpyAsync"}, missing) &&
         resolve(lib, d.memsetD32Async, {"cuMemsetD32Async"}, missing) &&
         resolve(lib, d.eventCreate, {"cuEventCreate"}, missing) &&
         resolve(lib, d.eventDestroy, {"cuEventDestroy_v2"}, missing) &&
         resolve(lib, d.eventRecord, {"cuEventRecord"}, missing) &&
         resolve(lib, d.eventSynchronize, {"cuEventSynchronize"}, missing) &&
         resolve(lib, d.eventElapsedTime,
                 {"cuEventElapsedTime_v2", "cuEventElapsedTime"}, missing) &&
         resolve(lib, d.getErrorName, {"cuGetErrorName"}, missing);
}

/// Loads and initialises; the reason in `message` on failure.
CudaDriver *load(std::string &message) {
  const char *override = std::getenv("HOPFIELD_CUDA_DRIVER");
  std::string name = override && *override ? override : "libcuda.so.1";
  void *library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *reason = dlerror();
    message = "no CUDA driver: cannot load " + name + " (" +
              (reason ? reason : "unknown reason") + ")";
    return nullptr;
  }
  auto driver = std::make_unique<CudaDriver>();
  std::string missing;
  if (!resolveAll(library, *driver, missing)) {
    message = "no CUDA driver: " + name + " has no '" + missing +
              "' (a CUDA driver older than this runtime needs?)";
    return nullptr;
  }
  auto check = [&](CudaDriver::Result result, const char *call) {
    if (result == 0)
      return true;
    message = std::string("no CUDA device: ") + call + " failed with " +
              driver->errorName(result);
    return false;
  };
  int count = 0, device = 0;
  if (!check(driver->init(0), "cuInit") ||
      !check(driver->deviceGetCount(&count), "cuDeviceGetCount"))
    return nullptr;
  if (count == 0) {
    message = "no CUDA device: the driver reports 0 devices";
    return nullptr;
  }
  if (!check(driver->deviceGet(&device, 0), "cuDeviceGet") ||
      !check(driver->primaryCtxRetain(&driver->context, device),
             "cuDevicePrimaryCtxRetain") ||
      !check(driver->makeCurrent(), "cuCtxSetCurrent"))
    return nullptr;
  return driver.release();
}

thread_local std::string pendingFailure;

} // namespace

std::string CudaDriver::errorName(Result result) const {
  const char *name = nullptr;
  if (getErrorName && getErrorName(result, &name) == 0 && name)
    return name;
  return "CUDA error " + std::to_string(result);
}

const CudaDriver *hopfield::runtime::getCudaDriver(std::string &message) {
  // Loaded once; a failure is remembered too (the driver does not appear
  // while the process runs).
  static std::once_flag once;
  static const CudaDriver *driver = nullptr;
  static std::string failure;
  std::call_once(once, [] { driver = load(failure); });
  if (!driver)
    message = failure;
  return driver;
}

void hopfield::runtime::recordCudaFailure(const std::string &message) {
  if (pendingFailure.empty())
    pendingFailure = message;
}

std::string hopfield::runtime::takeCudaFailure() {
  std::string failure;
  failure.swap(pendingFailure);
  return failure;
}
