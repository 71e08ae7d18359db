//===- AssociationMatrix.h - the final xi of an association -----*- C++ -*-===//

#ifndef PASSES_ASSOCIATIONMATRIX_H
#define PASSES_ASSOCIATIONMATRIX_H

#include "dialect/HopfieldOps.h"

namespace mlir::hopfield {

/// The association matrix requested from `op` (its `association` result,
/// [B,H,L,S]) as linalg ops, from the scaled state `scaledQuery`
/// (beta_h * xi, [B,H,L,D]) and its row log-sum-exp `lse` ([B,H,L], in the
/// accumulator type):
///
///   xi[b,h,l,s] = exp(q . k_s + bias - lse), 0 where masked / causally
///                 hidden (and so for rows with every key masked)
///
/// The scores are recomputed rather than kept from the online passes, which
/// never materialise them.
Value buildAssociationMatrix(OpBuilder &b, Location loc, AssociateOp op,
                             Value scaledQuery, Value lse);

} // namespace mlir::hopfield

#endif // PASSES_ASSOCIATIONMATRIX_H
