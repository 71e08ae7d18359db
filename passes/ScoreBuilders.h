//===- ScoreBuilders.h - masked association scores as linalg ----*- C++ -*-===//
//
// The score pieces shared by every lowering that evaluates softmax(q k^T +
// bias, masked) in linalg: the online-form conversion (codegen) and the
// association matrix of hopfield-expand-updates.
//
//===----------------------------------------------------------------------===//

#ifndef PASSES_SCOREBUILDERS_H
#define PASSES_SCOREBUILDERS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

/// Operands that mask or shift a score. `queryOffset` / `keyOffset` are
/// both set or both null.
struct ScoreOperands {
  Value mask, bias, queryOffset, keyOffset;
  bool causal = false;
};

/// The key [b,h,j,d] transposed to [b,h,d,j], so that the score contraction
/// reads keys contiguously along j (an outer-product loop over d).
Value transposeKey(OpBuilder &b, Location loc, Value key);

/// s[b,h,i,j] = sum_d q[b,h,i,d] kT[b,h,d,j], in `accType`.
Value scores(OpBuilder &b, Location loc, Value query, Value keyT, Type accType);

/// Adds the inputs that mask a score to `inputs`/`maps` and applies them
/// inside a generic over (b, h, i, j) whose block arguments for these
/// inputs start at the position they were added at.
class ScoreMasking {
public:
  ScoreMasking(MLIRContext *ctx, const ScoreOperands &operands,
               SmallVectorImpl<Value> &inputs,
               SmallVectorImpl<AffineMap> &maps);

  /// The masked score: + bias, -inf where masked or causally hidden.
  Value apply(OpBuilder &b, Location loc, Value score, ValueRange args) const;

private:
  ScoreOperands operands;
  unsigned firstArg;
};

/// exp(score - stat), or 0 where the score is -inf (masked; also covers a
/// fully masked row whose statistic is -inf).
Value expShifted(OpBuilder &b, Location loc, Value score, Value stat);

} // namespace mlir::hopfield

#endif // PASSES_SCOREBUILDERS_H
