//===- GpuTiming.h - CUDA-event timing of one run -------------*- C++ -*-===//
//
// hopfield_run of a CUDA artifact times the artifact's GPU work with CUDA
// events, per thread: a start event on the first stream the run creates
// (its host code makes one stream and orders everything on it) and a stop
// event before each synchronisation of that stream, the last of which ends
// the run. hopfield_last_gpu_time_ms reports the elapsed time.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_GPUTIMING_H
#define RUNTIME_GPUTIMING_H

#include "runtime/CudaDriver.h"

#include <optional>

namespace hopfield::runtime {

/// Starts timing this thread's next run (forgets the last result).
void beginGpuRunTiming();
/// From the GPU wrappers: a stream was created / is about to be waited for.
void noteStreamCreated(const CudaDriver &driver, void *stream);
void noteStreamSynchronize(const CudaDriver &driver, void *stream);
/// Ends the run's timing.
void endGpuRunTiming();
/// Milliseconds between the events of the last run timed on this thread,
/// or none when it made no stream or an event call failed.
std::optional<double> lastGpuRunTime();

} // namespace hopfield::runtime

#endif // RUNTIME_GPUTIMING_H
