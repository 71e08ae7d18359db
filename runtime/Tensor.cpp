//===- Tensor.cpp - Host tensors and dtypes -------------------------------===//
//
// Creation, destruction and queries of host tensors, and the dtype helpers of
// the C ABI.
//
//===----------------------------------------------------------------------===//

#include "runtime/Tensor.h"
#include "runtime/Error.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>

using namespace hopfield::runtime;

hopfield_tensor::~hopfield_tensor() { std::free(data); }

namespace hopfield::runtime {

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

hopfield_status createTensor(hopfield_dtype dtype,
                             const std::vector<int64_t> &shape,
                             const std::string &what, hopfield_tensor *&out) {
  out = nullptr;
  size_t elementSize = hopfield_dtype_size(dtype);
  if (elementSize == 0)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "cannot create " + what + ": unknown dtype " +
                    std::to_string(static_cast<int>(dtype)));

  // Keep byte sizes well inside ptrdiff_t so pointer arithmetic in artifacts
  // cannot overflow.
  const size_t limit =
      static_cast<size_t>(std::numeric_limits<std::ptrdiff_t>::max() / 2);
  size_t count = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0)
      return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                  "cannot create " + what + " of shape " + formatShape(shape) +
                      ": dimension " + std::to_string(i) + " is negative");
    if (__builtin_mul_overflow(count, static_cast<size_t>(shape[i]), &count) ||
        count > limit / elementSize)
      return fail(HOPFIELD_ERROR_OUT_OF_MEMORY,
                  "cannot create " + what + " of shape " + formatShape(shape) +
                      ": it is too large");
  }

  size_t bytes = count * elementSize;
  // aligned_alloc needs a multiple of the alignment, and at least one block.
  size_t padded =
      (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  if (padded == 0)
    padded = kTensorAlignment;

  auto tensor = std::make_unique<hopfield_tensor>();
  tensor->data = std::aligned_alloc(kTensorAlignment, padded);
  if (!tensor->data)
    return fail(HOPFIELD_ERROR_OUT_OF_MEMORY,
                "cannot allocate " + std::to_string(bytes) + " bytes for " +
                    what + " of shape " + formatShape(shape));
  std::memset(tensor->data, 0, padded);
  tensor->dtype = dtype;
  tensor->shape = shape;
  tensor->numElements = count;
  tensor->byteSize = bytes;
  out = tensor.release();
  return HOPFIELD_OK;
}

} // namespace hopfield::runtime

extern "C" {

const char *hopfield_dtype_name(hopfield_dtype dtype) {
  switch (dtype) {
  case HOPFIELD_FLOAT32:
    return "float32";
  case HOPFIELD_FLOAT64:
    return "float64";
  case HOPFIELD_BOOL:
    return "bool";
  case HOPFIELD_INT64:
    return "int64";
  }
  return "unknown";
}

hopfield_status hopfield_dtype_from_name(const char *name,
                                         hopfield_dtype *dtype) {
  if (!name || !dtype)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "null argument to hopfield_dtype_from_name");
  for (hopfield_dtype candidate :
       {HOPFIELD_FLOAT32, HOPFIELD_FLOAT64, HOPFIELD_BOOL, HOPFIELD_INT64})
    if (std::strcmp(name, hopfield_dtype_name(candidate)) == 0) {
      *dtype = candidate;
      return succeed();
    }
  return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
              std::string("unknown dtype '") + name +
                  "' (expected float32, float64, bool or int64)");
}

size_t hopfield_dtype_size(hopfield_dtype dtype) {
  switch (dtype) {
  case HOPFIELD_FLOAT32:
    return sizeof(float);
  case HOPFIELD_FLOAT64:
    return sizeof(double);
  case HOPFIELD_BOOL:
    return 1;
  case HOPFIELD_INT64:
    return sizeof(int64_t);
  }
  return 0;
}

hopfield_status hopfield_tensor_create(hopfield_dtype dtype, size_t rank,
                                       const int64_t *shape,
                                       hopfield_tensor **tensor) {
  if (!tensor)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "hopfield_tensor_create: null result pointer");
  *tensor = nullptr;
  if (rank > 0 && !shape)
    return fail(HOPFIELD_ERROR_INVALID_ARGUMENT,
                "hopfield_tensor_create: null shape for rank " +
                    std::to_string(rank));
  try {
    std::vector<int64_t> sizes(shape, shape + rank);
    if (hopfield_status status = createTensor(dtype, sizes, "tensor", *tensor))
      return status;
    return succeed();
  } catch (const std::bad_alloc &) {
    return fail(HOPFIELD_ERROR_OUT_OF_MEMORY,
                "out of memory while creating a tensor");
  }
}

void hopfield_tensor_destroy(hopfield_tensor *t) { delete t; }

void *hopfield_tensor_data(hopfield_tensor *t) { return t ? t->data : nullptr; }
const void *hopfield_tensor_const_data(const hopfield_tensor *t) {
  return t ? t->data : nullptr;
}
hopfield_dtype hopfield_tensor_dtype(const hopfield_tensor *t) {
  return t ? t->dtype : HOPFIELD_FLOAT32;
}
size_t hopfield_tensor_rank(const hopfield_tensor *t) {
  return t ? t->shape.size() : 0;
}
const int64_t *hopfield_tensor_shape(const hopfield_tensor *t) {
  return t && !t->shape.empty() ? t->shape.data() : nullptr;
}
size_t hopfield_tensor_num_elements(const hopfield_tensor *t) {
  return t ? t->numElements : 0;
}
size_t hopfield_tensor_byte_size(const hopfield_tensor *t) {
  return t ? t->byteSize : 0;
}

} // extern "C"
