//===- Run.cpp - Check inputs, allocate outputs, call the artifact --------===//
//
// hopfield_run validates the input tensors against the manifest (dtype, rank,
// static sizes, agreement of run-time dimensions, finite floats), resolves the
// output shapes, builds one memref descriptor per tensor and calls the
// artifact's hopfield_artifact_run. Everything lives on the caller's stack or
// in per-call allocations, so concurrent runs do not interact.
//
//===----------------------------------------------------------------------===//

#include "runtime/Artifact.h"
#include "runtime/CudaDriver.h"
#include "runtime/GpuTiming.h"
#include "runtime/Error.h"
#include "runtime/Tensor.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <new>

using namespace hopfield::runtime;

namespace {

/// Owns tensors created during a run until they are handed to the caller.
struct TensorDeleter {
  void operator()(hopfield_tensor *t) const { hopfield_tensor_destroy(t); }
};
using TensorPtr = std::unique_ptr<hopfield_tensor, TensorDeleter>;

/// "input 'x'" for messages.
std::string describe(const hopfield_port &port) {
  return port.kind == "input" ? "input " + quote(port.name)
                              : "output " + quote(port.name);
}

/// Checks the number of inputs, then each input's dtype and rank.
hopfield_status checkDtypesAndRanks(const Manifest &m,
                                    const hopfield_tensor *const *inputs,
                                    size_t numInputs) {
  if (numInputs != m.inputs.size())
    return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                "model " + quote(m.model) + " takes " +
                    std::to_string(m.inputs.size()) + " inputs, got " +
                    std::to_string(numInputs));
  if (numInputs > 0 && !inputs)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT, "null input array");
  for (size_t i = 0; i < numInputs; ++i) {
    const hopfield_port &port = m.inputs[i];
    const hopfield_tensor *t = inputs[i];
    if (!t)
      return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                  describe(port) + " is a null tensor");
    if (t->dtype != port.dtype)
      return fail(HOPFIELD_ERROR_DTYPE_MISMATCH,
                  describe(port) + " has dtype " +
                      hopfield_dtype_name(t->dtype) + ", expected " +
                      hopfield_dtype_name(port.dtype));
    if (t->shape.size() != port.shape.size())
      return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                  describe(port) + " has rank " +
                      std::to_string(t->shape.size()) + " (shape " +
                      formatShape(t->shape) + "), expected rank " +
                      std::to_string(port.shape.size()));
  }
  return HOPFIELD_OK;
}

/// Checks every input size against its static size or the size its run-time
/// dimension was bound to (by the first input carrying it).
hopfield_status checkSizes(const Manifest &m,
                           const hopfield_tensor *const *inputs) {
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    const hopfield_port &port = m.inputs[i];
    for (size_t d = 0; d < port.shape.size(); ++d) {
      int64_t actual = inputs[i]->shape[d];
      const hopfield_dim &dim = port.shape[d];
      if (dim.size >= 0) {
        if (actual != dim.size)
          return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                      describe(port) + " dimension " + std::to_string(d) +
                          " is " + std::to_string(actual) + ", expected " +
                          std::to_string(dim.size));
        continue;
      }
      const DimBinding &b = m.bindings.at(dim.symbol);
      int64_t bound = inputs[b.input]->shape[b.dim];
      if (actual != bound)
        return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                    describe(port) + " dimension " + std::to_string(d) +
                        " is " + std::to_string(actual) + ", but " +
                        quote(dim.symbol) + " is " + std::to_string(bound) +
                        " (from " + describe(m.inputs[b.input]) +
                        " dimension " + std::to_string(b.dim) + ")");
    }
  }
  return HOPFIELD_OK;
}

/// Fails on the first NaN or infinity of a float input.
template <typename T>
hopfield_status checkFinite(const hopfield_port &port,
                            const hopfield_tensor &t) {
  const T *values = static_cast<const T *>(t.data);
  for (size_t k = 0; k < t.numElements; ++k)
    if (!std::isfinite(values[k]))
      return fail(HOPFIELD_ERROR_NON_FINITE,
                  describe(port) + " holds " +
                      (std::isnan(values[k]) ? "NaN" : "an infinity") +
                      " at flat index " + std::to_string(k));
  return HOPFIELD_OK;
}

/// Returns a 0/1 copy of a bool tensor holding other bytes, or null when the
/// tensor is already normalised.
hopfield_status normaliseBool(const hopfield_port &port,
                              const hopfield_tensor &t, TensorPtr &copy) {
  const unsigned char *bytes = static_cast<const unsigned char *>(t.data);
  size_t k = 0;
  while (k < t.numElements && bytes[k] <= 1)
    ++k;
  if (k == t.numElements)
    return HOPFIELD_OK;
  hopfield_tensor *raw = nullptr;
  if (hopfield_status status =
          createTensor(t.dtype, t.shape, "a copy of " + describe(port), raw))
    return status;
  copy.reset(raw);
  unsigned char *out = static_cast<unsigned char *>(raw->data);
  for (size_t j = 0; j < t.numElements; ++j)
    out[j] = bytes[j] != 0;
  return HOPFIELD_OK;
}

/// Appends the memref descriptor of `t` to `storage`:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}.
void buildDescriptor(const hopfield_tensor &t, std::vector<int64_t> &storage) {
  static_assert(sizeof(void *) == sizeof(int64_t),
                "memref descriptors assume 64-bit pointers");
  size_t rank = t.shape.size();
  storage.assign(3 + 2 * rank, 0);
  std::memcpy(&storage[0], &t.data, sizeof(void *));
  std::memcpy(&storage[1], &t.data, sizeof(void *));
  storage[2] = 0;
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    storage[3 + d] = t.shape[d];
    storage[3 + rank + d] = stride;
    stride *= t.shape[d];
  }
}

/// The body of hopfield_run; may throw std::bad_alloc.
hopfield_status runChecked(const hopfield_artifact &a,
                           const hopfield_tensor *const *inputs,
                           size_t numInputs, hopfield_tensor **outputs) {
  const Manifest &m = a.manifest;
  if (hopfield_status status = checkDtypesAndRanks(m, inputs, numInputs))
    return status;
  if (hopfield_status status = checkSizes(m, inputs))
    return status;

  std::vector<const hopfield_tensor *> passed(inputs, inputs + numInputs);
  std::vector<TensorPtr> copies;
  for (size_t i = 0; i < numInputs; ++i) {
    const hopfield_port &port = m.inputs[i];
    hopfield_status status = HOPFIELD_OK;
    if (port.dtype == HOPFIELD_FLOAT32)
      status = checkFinite<float>(port, *inputs[i]);
    else if (port.dtype == HOPFIELD_FLOAT64)
      status = checkFinite<double>(port, *inputs[i]);
    else if (port.dtype == HOPFIELD_BOOL) {
      TensorPtr copy;
      status = normaliseBool(port, *inputs[i], copy);
      if (copy) {
        passed[i] = copy.get();
        copies.push_back(std::move(copy));
      }
    }
    if (status)
      return status;
  }

  std::vector<TensorPtr> results;
  for (const hopfield_port &port : m.outputs) {
    std::vector<int64_t> shape;
    for (const hopfield_dim &dim : port.shape) {
      if (dim.size >= 0) {
        shape.push_back(dim.size);
        continue;
      }
      const DimBinding &b = m.bindings.at(dim.symbol);
      shape.push_back(inputs[b.input]->shape[b.dim]);
    }
    hopfield_tensor *raw = nullptr;
    if (hopfield_status status =
            createTensor(port.dtype, shape, describe(port), raw))
      return status;
    results.emplace_back(raw);
  }

  std::vector<std::vector<int64_t>> storage(passed.size() + results.size());
  std::vector<void *> descriptors;
  for (size_t i = 0; i < passed.size(); ++i) {
    buildDescriptor(*passed[i], storage[i]);
    descriptors.push_back(storage[i].data());
  }
  for (size_t i = 0; i < results.size(); ++i) {
    std::vector<int64_t> &words = storage[passed.size() + i];
    buildDescriptor(*results[i], words);
    descriptors.push_back(words.data());
  }
  const bool gpu = a.manifest.target == "cuda";
  if (gpu)
    beginGpuRunTiming();
  a.run(descriptors.data());
  if (gpu)
    endGpuRunTiming();
  // A CUDA artifact's GPU calls report failures here (GpuWrappers.cpp).
  std::string cudaFailure = takeCudaFailure();
  if (!cudaFailure.empty())
    return fail(HOPFIELD_ERROR_DEVICE, "running " + quote(a.manifest.model) +
                                           " on the GPU: " + cudaFailure);

  for (size_t i = 0; i < results.size(); ++i)
    outputs[i] = results[i].release();
  return succeed();
}

} // namespace

extern "C" {

hopfield_status hopfield_run(const hopfield_artifact *a,
                             const hopfield_tensor *const *inputs,
                             size_t numInputs, hopfield_tensor **outputs,
                             size_t numOutputs) {
  if (outputs)
    for (size_t i = 0; i < numOutputs; ++i)
      outputs[i] = nullptr;
  if (!a)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "null artifact passed to hopfield_run");
  if (!outputs && numOutputs > 0)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT, "null output array");
  if (numOutputs != a->manifest.outputs.size())
    return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                "model " + quote(a->manifest.model) + " has " +
                    std::to_string(a->manifest.outputs.size()) +
                    " outputs, but room for " + std::to_string(numOutputs) +
                    " was given");
  try {
    return runChecked(*a, inputs, numInputs, outputs);
  } catch (const std::bad_alloc &) {
    return fail(HOPFIELD_ERROR_OUT_OF_MEMORY,
                "out of memory while running " + quote(a->manifest.model));
  }
}

hopfield_status hopfield_last_gpu_time_ms(double *ms) {
  if (!ms)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "null pointer passed to hopfield_last_gpu_time_ms");
  std::optional<double> time = lastGpuRunTime();
  if (!time)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "no timed GPU run on this thread (the last run of a CUDA "
                "artifact made no stream, or an event call failed)");
  *ms = *time;
  return succeed();
}

hopfield_status hopfield_node_steps(const hopfield_artifact *a,
                                    hopfield_tensor *const *outputs,
                                    size_t numOutputs, const char *node,
                                    const int64_t **steps, size_t *numHeads) {
  if (!a || !outputs || !node || !steps || !numHeads)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "null argument to hopfield_node_steps");
  const std::vector<hopfield_port> &ports = a->manifest.outputs;
  if (numOutputs != ports.size())
    return fail(HOPFIELD_ERROR_SHAPE_MISMATCH,
                "hopfield_node_steps: " + std::to_string(numOutputs) +
                    " outputs given, the model has " +
                    std::to_string(ports.size()));
  for (size_t i = 0; i < ports.size(); ++i) {
    if (ports[i].kind != "steps" || ports[i].node != node)
      continue;
    const hopfield_tensor *t = outputs[i];
    if (!t || t->dtype != HOPFIELD_INT64 || t->shape.size() != 1)
      return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                  "output " + quote(ports[i].name) +
                      " is not a rank-1 int64 steps tensor");
    *steps = static_cast<const int64_t *>(t->data);
    *numHeads = t->numElements;
    return succeed();
  }
  return fail(HOPFIELD_ERROR_NOT_FOUND, "model " + quote(a->manifest.model) +
                                            " has no steps output for node " +
                                            quote(node));
}

} // extern "C"
