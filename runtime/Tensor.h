//===- Tensor.h - Host tensors ----------------------------------*- C++ -*-===//
//
// Internal: the definition behind the opaque hopfield_tensor handle.
//
//===----------------------------------------------------------------------===//

#ifndef RUNTIME_TENSOR_H
#define RUNTIME_TENSOR_H

#include "runtime/hopfield_runtime.h"

#include <cstdint>
#include <string>
#include <vector>

/// A dense row-major host tensor owning a 64-byte aligned buffer.
struct hopfield_tensor {
  hopfield_dtype dtype = HOPFIELD_FLOAT32;
  std::vector<int64_t> shape;
  size_t numElements = 0;
  size_t byteSize = 0;
  void *data = nullptr;

  hopfield_tensor() = default;
  hopfield_tensor(const hopfield_tensor &) = delete;
  hopfield_tensor &operator=(const hopfield_tensor &) = delete;
  ~hopfield_tensor();
};

namespace hopfield::runtime {

/// Alignment of every tensor buffer, in bytes.
inline constexpr size_t kTensorAlignment = 64;

/// Formats a shape for messages: [2, 3].
std::string formatShape(const std::vector<int64_t> &shape);

/// Allocates a zeroed tensor; `what` names it in error messages ("tensor",
/// "output 'y'").
hopfield_status createTensor(hopfield_dtype dtype,
                             const std::vector<int64_t> &shape,
                             const std::string &what, hopfield_tensor *&out);

} // namespace hopfield::runtime

#endif // RUNTIME_TENSOR_H
