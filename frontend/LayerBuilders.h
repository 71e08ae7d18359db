//===- LayerBuilders.h - IR of torch layers shared by emitters --*- C++ -*-===//
//
// The IR of torch.nn.Linear, torch.nn.LayerNorm and elementwise torch
// activations, used by the `Linear` and `LayerNorm` nodes and inside the
// hflayers nodes (input norms, projections, Hopfield-space norm, output
// projection, feed-forward blocks). Sizes may be run-time values.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_LAYERBUILDERS_H
#define FRONTEND_LAYERBUILDERS_H

#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// y = x W^T + b over the last dimension of `x` ([..., in] -> [..., out]);
/// `weightT` is the transposed weight [in, out], `bias` [out] or null. One
/// linalg.matmul on x reshaped to [N, in] (or one linalg.generic contraction
/// when x has several run-time leading dimensions).
Value emitLinear(OpBuilder &b, Location loc, Value x, Value weightT, Value bias,
                 int64_t outFeatures);

/// torch LayerNorm over the trailing `normalizedRank` dimensions of `x`:
/// mean, biased variance, eps inside the square root, then `* weight`
/// (`weight` null: none) and `+ bias` (null: none); both have the
/// normalized shape.
Value emitLayerNorm(OpBuilder &b, Location loc, Value x, int64_t normalizedRank,
                    Value weight, Value bias, double eps);

/// The names `emitActivation` accepts (torch function names).
ArrayRef<StringRef> activationNames();
/// True when `name` is in activationNames().
bool isActivation(StringRef name);
/// torch.<name>(x) elementwise; `name` must satisfy isActivation().
Value emitActivation(OpBuilder &b, Location loc, Value x, StringRef name);

/// lhs + rhs elementwise (same shape).
Value emitAdd(OpBuilder &b, Location loc, Value lhs, Value rhs);

/// alpha * residual + (1 - alpha) * update elementwise (same shape).
Value emitMix(OpBuilder &b, Location loc, Value residual, Value update,
              double alpha);

/// torch.nn.GELU: x * Phi(x) (erf), or with `tanhApproximation`
/// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
Value emitGELU(OpBuilder &b, Location loc, Value x, bool tanhApproximation);

} // namespace mlir::hopfield

#endif // FRONTEND_LAYERBUILDERS_H
