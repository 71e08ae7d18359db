//===- HopfieldMasks.h - the masks of a Hopfield module ---------*- C++ -*-===//
//
// Turns hflayers' `stored_pattern_padding_mask` ([B, S] bool) and
// `association_mask` ([L, S] or [B*H, L, S], bool or float) into the
// rank-4 `mask` (i1) and `bias` (added to the scaled scores) operands of
// hopfield.associate, with the extra allowed column of
// `add_zero_association` (SPEC 3.8 steps 7-8).
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_HOPFIELDMASKS_H
#define FRONTEND_HOPFIELDMASKS_H

#include "mlir/IR/Builders.h"

namespace mlir::hopfield {

struct MaskOperands {
  Value mask;
  Value bias;
};

/// `padding` and `association` may be null. `batch` is B when static (0
/// otherwise); a 3-D association mask with `heads` > 1 needs it.
/// `zeroColumn` appends one allowed key column to every mask.
MaskOperands emitMaskOperands(OpBuilder &b, Location loc, Value padding,
                              Value association, int64_t heads, int64_t batch,
                              bool zeroColumn, Type floatType);

/// `source` with one more element at the end of dimension `dim`, filled
/// with `fill` (0 for floats, false for i1).
Value emitAppendZero(OpBuilder &b, Location loc, Value source, int64_t dim);

} // namespace mlir::hopfield

#endif // FRONTEND_HOPFIELDMASKS_H
