//===- hopfield_runtime.hpp - C++ wrapper of the runtime --------*- C++ -*-===//
//
// Header-only RAII wrapper over the C ABI in hopfield_runtime.h: Artifact and
// Tensor own their handles, and every failure throws hopfield::RuntimeError
// carrying the status and the runtime's message.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_HOPFIELD_RUNTIME_HPP
#define RUNTIME_HOPFIELD_RUNTIME_HPP

#include "runtime/hopfield_runtime.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hopfield {

/// A failed runtime call: what() is hopfield_last_error() of that call.
class RuntimeError : public std::runtime_error {
public:
  RuntimeError(hopfield_status status, const std::string &message)
      : std::runtime_error(message), status(status) {}
  /// The status the C call returned.
  hopfield_status getStatus() const { return status; }

private:
  hopfield_status status;
};

/// Throws RuntimeError unless `status` is HOPFIELD_OK.
inline void check(hopfield_status status) {
  if (status != HOPFIELD_OK)
    throw RuntimeError(status, hopfield_last_error());
}

/// An owned host tensor.
class Tensor {
public:
  Tensor() = default;
  /// Takes ownership of `owned`.
  explicit Tensor(hopfield_tensor *owned) : handle(owned) {}
  /// A zeroed tensor of `dtype` and `shape`.
  Tensor(hopfield_dtype dtype, const std::vector<int64_t> &shape) {
    check(hopfield_tensor_create(dtype, shape.size(), shape.data(), &handle));
  }
  Tensor(Tensor &&other) noexcept : handle(other.release()) {}
  Tensor &operator=(Tensor &&other) noexcept {
    if (this != &other) {
      hopfield_tensor_destroy(handle);
      handle = other.release();
    }
    return *this;
  }
  Tensor(const Tensor &) = delete;
  Tensor &operator=(const Tensor &) = delete;
  ~Tensor() { hopfield_tensor_destroy(handle); }

  hopfield_tensor *get() const { return handle; }
  /// Gives up ownership.
  hopfield_tensor *release() { return std::exchange(handle, nullptr); }

  hopfield_dtype dtype() const { return hopfield_tensor_dtype(handle); }
  std::vector<int64_t> shape() const {
    const int64_t *sizes = hopfield_tensor_shape(handle);
    return sizes ? std::vector<int64_t>(sizes,
                                        sizes + hopfield_tensor_rank(handle))
                 : std::vector<int64_t>();
  }
  size_t numElements() const { return hopfield_tensor_num_elements(handle); }
  size_t byteSize() const { return hopfield_tensor_byte_size(handle); }
  /// The elements as `T` (float, double, uint8_t for bool, int64_t).
  template <typename T> T *data() {
    return static_cast<T *>(hopfield_tensor_data(handle));
  }
  template <typename T> const T *data() const {
    return static_cast<const T *>(hopfield_tensor_const_data(handle));
  }

private:
  hopfield_tensor *handle = nullptr;
};

/// One shape entry of a port: a static size, or -1 and a dimension name.
struct Dim {
  int64_t size = -1;
  std::string symbol;
};

/// A copy of one input's or output's description.
struct Port {
  std::string name;
  hopfield_dtype dtype = HOPFIELD_FLOAT32;
  std::vector<Dim> shape;
  std::string kind;
  std::string node;
};

/// An opened artifact.
class Artifact {
public:
  explicit Artifact(const std::string &path) {
    check(hopfield_artifact_open(path.c_str(), &handle));
  }
  Artifact(Artifact &&other) noexcept
      : handle(std::exchange(other.handle, nullptr)) {}
  Artifact &operator=(Artifact &&other) noexcept {
    if (this != &other) {
      hopfield_artifact_close(handle);
      handle = std::exchange(other.handle, nullptr);
    }
    return *this;
  }
  Artifact(const Artifact &) = delete;
  Artifact &operator=(const Artifact &) = delete;
  ~Artifact() { hopfield_artifact_close(handle); }

  hopfield_artifact *get() const { return handle; }
  std::string model() const { return hopfield_artifact_model(handle); }
  std::string target() const { return hopfield_artifact_target(handle); }
  std::string precision() const { return hopfield_artifact_precision(handle); }

  std::vector<Port> inputs() const {
    std::vector<Port> ports;
    for (size_t i = 0, e = hopfield_artifact_num_inputs(handle); i < e; ++i)
      ports.push_back(describe(hopfield_artifact_input(handle, i)));
    return ports;
  }
  std::vector<Port> outputs() const {
    std::vector<Port> ports;
    for (size_t i = 0, e = hopfield_artifact_num_outputs(handle); i < e; ++i)
      ports.push_back(describe(hopfield_artifact_output(handle, i)));
    return ports;
  }

  /// Runs once; `inputs` in manifest order. Returns the outputs in manifest
  /// order.
  std::vector<Tensor> run(const std::vector<Tensor> &inputs) const {
    std::vector<const hopfield_tensor *> in;
    for (const Tensor &t : inputs)
      in.push_back(t.get());
    std::vector<hopfield_tensor *> out(hopfield_artifact_num_outputs(handle));
    check(hopfield_run(handle, in.data(), in.size(), out.data(), out.size()));
    std::vector<Tensor> results;
    for (hopfield_tensor *t : out)
      results.emplace_back(t);
    return results;
  }

  /// The per-head steps `node` ran, read from `outputs` of run().
  std::vector<int64_t> steps(const std::vector<Tensor> &outputs,
                             const std::string &node) const {
    std::vector<hopfield_tensor *> out;
    for (const Tensor &t : outputs)
      out.push_back(t.get());
    const int64_t *counts = nullptr;
    size_t heads = 0;
    check(hopfield_node_steps(handle, out.data(), out.size(), node.c_str(),
                              &counts, &heads));
    return std::vector<int64_t>(counts, counts + heads);
  }

private:
  static Port describe(const hopfield_port *p) {
    Port port;
    port.name = hopfield_port_name(p);
    port.dtype = hopfield_port_dtype(p);
    port.kind = hopfield_port_kind(p);
    port.node = hopfield_port_node(p);
    for (size_t d = 0, e = hopfield_port_rank(p); d < e; ++d) {
      Dim dim;
      const char *symbol = nullptr;
      check(hopfield_port_dim(p, d, &dim.size, &symbol));
      if (symbol)
        dim.symbol = symbol;
      port.shape.push_back(dim);
    }
    return port;
  }

  hopfield_artifact *handle = nullptr;
};

} // namespace hopfield

#endif // RUNTIME_HOPFIELD_RUNTIME_HPP
