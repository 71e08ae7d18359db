//===- ScaleProjection.h - the score scale into Q's projection --*- C++ -*-===//

#ifndef PASSES_SCALEPROJECTION_H
#define PASSES_SCALEPROJECTION_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::hopfield {

/// Scales the constant weights and bias of the linalg.matmul projection
/// that produces `query` [B,H,L,D] (through expand_shape / transpose, each
/// value on the way used once) by beta * headBeta[h] per head, so that the
/// projection yields the scaled query. `headBeta` is null or a constant
/// [H]. Fails, changing nothing, when the query is not such a projection.
LogicalResult scaleQueryProjection(RewriterBase &rewriter, Value query,
                                   double beta, Value headBeta);

} // namespace mlir::hopfield

#endif // PASSES_SCALEPROJECTION_H
