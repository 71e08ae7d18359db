//===- GpuTiming.cpp - CUDA-event timing of one run -----------------------===//

#include "runtime/GpuTiming.h"

using namespace hopfield::runtime;

namespace {

struct RunTimer {
  bool active = false;
  const CudaDriver *driver = nullptr;
  void *stream = nullptr;
  void *start = nullptr, *stop = nullptr;
  std::optional<double> last;

  void release() {
    if (driver) {
      if (start)
        driver->eventDestroy(start);
      if (stop)
        driver->eventDestroy(stop);
    }
    start = stop = stream = nullptr;
    driver = nullptr;
  }
};

thread_local RunTimer timer;

} // namespace

void hopfield::runtime::beginGpuRunTiming() {
  timer.release();
  timer.active = true;
  timer.last.reset();
}

void hopfield::runtime::noteStreamCreated(const CudaDriver &driver,
                                          void *stream) {
  if (!timer.active || timer.stream || !stream)
    return;
  timer.driver = &driver;
  timer.stream = stream;
  if (driver.eventCreate(&timer.start, /*CU_EVENT_DEFAULT=*/0) ||
      driver.eventCreate(&timer.stop, 0) ||
      driver.eventRecord(timer.start, stream)) {
    timer.release();
    timer.active = false; // no timing for this run
  }
}

void hopfield::runtime::noteStreamSynchronize(const CudaDriver &driver,
                                              void *stream) {
  if (timer.active && stream && stream == timer.stream &&
      driver.eventRecord(timer.stop, stream)) {
    timer.release();
    timer.active = false;
  }
}

void hopfield::runtime::endGpuRunTiming() {
  float ms = 0;
  if (timer.active && timer.stream &&
      !timer.driver->eventSynchronize(timer.stop) &&
      !timer.driver->eventElapsedTime(&ms, timer.start, timer.stop))
    timer.last = ms;
  timer.release();
  timer.active = false;
}

std::optional<double> hopfield::runtime::lastGpuRunTime() {
  return timer.last;
}
