//===- AssociationMatrix.cpp - the final xi of an association -------------===//
//
// hopfield-expand-updates keeps only the statistics of the final softmax
// (its row log-sum-exp); an op that asks for the association matrix gets it
// here, one score contraction and one element-wise generic:
//
//   s  = q kT                              (kT: the keys transposed)
//   xi = masked(s + bias) == -inf ? 0 : exp(masked(s + bias) - lse)
//
//===----------------------------------------------------------------------===//

#include "passes/AssociationMatrix.h"
#include "passes/LinalgBuilders.h"
#include "passes/ScoreBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hopfield;

Value mlir::hopfield::buildAssociationMatrix(OpBuilder &b, Location loc,
                                             AssociateOp op, Value scaledQuery,
                                             Value lse) {
  MLIRContext *ctx = b.getContext();
  auto resultType = cast<RankedTensorType>(op.getAssociation().getType());
  Type element = resultType.getElementType();
  Type accType = cast<ShapedType>(lse.getType()).getElementType();

  Value raw =
      scores(b, loc, scaledQuery, transposeKey(b, loc, op.getKey()), accType);
  // The keys start at position 0; the queries at query_offset.
  ScoreOperands operands{op.getMask(), op.getBias(), op.getQueryOffset(),
                         Value(), op.getCausal()};
  if (operands.queryOffset)
    operands.keyOffset = arith::ConstantIndexOp::create(b, loc, 0);

  AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
  SmallVector<Value> inputs = {raw, lse};
  SmallVector<AffineMap> maps = {id4, projection(ctx, 4, {0, 1, 2})};
  ScoreMasking masking(ctx, operands, inputs, maps);
  maps.push_back(id4);
  Value association = buildGeneric(
      b, loc, inputs, emptyLike(b, loc, raw, element), maps,
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value p =
            expShifted(nb, nl, masking.apply(nb, nl, args[0], args), args[1]);
        if (p.getType() != element)
          p = arith::TruncFOp::create(nb, nl, element, p);
        return p;
      });
  if (association.getType() != resultType)
    association = tensor::CastOp::create(b, loc, resultType, association);
  return association;
}
