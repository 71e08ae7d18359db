//===- ReferenceModel.h - Naive float64 reference of the model ops -*- C++ -*-//
//
// An independent, deliberately naive float64 implementation of the ops that
// the end-to-end tests check the compiler against: `Linear`, `LayerNorm` and
// `Hopfield` in static execution (SPEC.md §3.6, §3.8, §3.9, decisions of §9).
// It uses no MLIR and no code of the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_REFERENCEMODEL_H
#define TEST_LIB_REFERENCEMODEL_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopfield::reference {

/// A dense row-major tensor. Every element type (float, bool, int64) is held
/// as a double; `isBool` remembers that a tensor was a boolean mask.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<double> data;
  bool isBool = false;

  /// Number of elements the shape describes.
  int64_t numElements() const;
  /// Size of dimension `dim`; negative values count from the back.
  int64_t dim(int64_t dim) const;
  /// The shape as "[d0,d1,...]" for error messages.
  std::string shapeString() const;
};

/// `y = x Wᵀ + b` over the last dimension of `x`; `weight` is (out, in).
Tensor linear(const Tensor &x, const Tensor &weight, const Tensor *bias);

/// torch LayerNorm over the last `normalizedDims` dimensions of `x` (biased
/// variance, eps inside the square root); `weight`/`bias` may be null.
Tensor layerNorm(const Tensor &x, size_t normalizedDims, const Tensor *weight,
                 const Tensor *bias, double eps);

/// Per-head parameters of a static Hopfield association.
struct StaticHopfieldConfig {
  int64_t numHeads = 1;
  /// β per head (size numHeads).
  std::vector<double> beta;
  /// Maximum number of update steps per head; std::nullopt = until converged.
  std::vector<std::optional<int64_t>> maxSteps;
  /// Convergence threshold per head.
  std::vector<double> eps;
  /// Inputs and output are (batch, seq, feature) when true, else
  /// (seq, batch, feature).
  bool batchFirst = true;
};

/// Result of `staticHopfield`.
struct StaticHopfieldResult {
  /// (B, L, H·pd), or (L, B, H·pd) when not batch-first.
  Tensor output;
  /// Softmax evaluations per head (1 + update steps).
  std::vector<int64_t> steps;
};

/// Hopfield association in static execution: the stored pattern Y is the
/// key, the state pattern R the query and the pattern projection P the value,
/// each used as-is by every head of its own sample. `paddingMask` is (B, S)
/// and `associationMask` (L, S) or (B·H, L, S); both are true = not allowed
/// and may be null. A query row whose keys are all masked gives an all-zero
/// association row and a zero output row.
StaticHopfieldResult staticHopfield(const StaticHopfieldConfig &config,
                                    const Tensor &stored, const Tensor &state,
                                    const Tensor &projection,
                                    const Tensor *paddingMask,
                                    const Tensor *associationMask);

} // namespace hopfield::reference

#endif // TEST_LIB_REFERENCEMODEL_H
