//===- Tensor.h - Dense float64 tensors and elementwise ops -----*- C++ -*-===//
//
// The tensor type of the float64 reference and the plain ops every layer
// uses: Linear, LayerNorm, addition, transposition and the activations that
// hflayers names by their `torch` function. Naive loops, written for
// obviousness, not speed. No MLIR and no code of the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_TENSOR_H
#define TEST_LIB_TENSOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace hopfield::reference {

/// Throws std::runtime_error(message); every error of the reference.
[[noreturn]] void fail(const std::string &message);

/// A dense row-major tensor. Every element type (float, bool, int64) is held
/// as a double; `isBool` remembers that a tensor was a boolean mask.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<double> data;
  bool isBool = false;

  /// A float tensor of `shape` filled with zeros.
  static Tensor zeros(std::vector<int64_t> shape);

  /// Number of elements the shape describes.
  int64_t numElements() const;
  /// Size of dimension `dim`; negative values count from the back.
  int64_t dim(int64_t dim) const;
  /// The shape as "[d0,d1,...]" for error messages.
  std::string shapeString() const;
};

/// A shape as "[d0,d1,...]".
std::string shapeString(const std::vector<int64_t> &shape);

/// `y = x Wᵀ + b` over the last dimension of `x`; `weight` is (out, in).
Tensor linear(const Tensor &x, const Tensor &weight, const Tensor *bias);

/// torch LayerNorm over the last `normalizedDims` dimensions of `x` (biased
/// variance, eps inside the square root); `weight`/`bias` may be null.
Tensor layerNorm(const Tensor &x, size_t normalizedDims, const Tensor *weight,
                 const Tensor *bias, double eps);

/// Elementwise `a + b` of two tensors of the same shape.
Tensor add(const Tensor &a, const Tensor &b);

/// Swaps the first two dimensions of a rank-3 tensor: (a, b, f) -> (b, a, f).
Tensor swapLeadingDims(const Tensor &x);

/// Rows [start, start + count) of a 2-D `weight`, or elements of a 1-D bias.
Tensor sliceRows(const Tensor &t, int64_t start, int64_t count);

/// An elementwise activation.
using Activation = double (*)(double);

/// The activation that `torch.<name>` computes; fails for a name outside the
/// list of docs/HflayersNodes.md.
Activation activationByName(const std::string &name);

/// Applies `activation` to every element of `x`.
void applyActivation(Tensor &x, Activation activation);

} // namespace hopfield::reference

#endif // TEST_LIB_TENSOR_H
