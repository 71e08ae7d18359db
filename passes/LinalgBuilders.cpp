//===- LinalgBuilders.cpp - small builders for linalg on tensors ----------===//

#include "passes/LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hopfield;

Type mlir::hopfield::accumulatorType(Type element) {
  if (element.getIntOrFloatBitWidth() < 32)
    return Float32Type::get(element.getContext());
  return element;
}

Value mlir::hopfield::filledTensor(OpBuilder &b, Location loc,
                                   ArrayRef<OpFoldResult> dims, Type element,
                                   TypedAttr value) {
  Value empty = tensor::EmptyOp::create(b, loc, dims, element);
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

SmallVector<Value> mlir::hopfield::sliceToShapesOf(OpBuilder &b, Location loc,
                                                   ValueRange padded,
                                                   ValueRange originals) {
  SmallVector<Value> results;
  for (auto [result, original] : llvm::zip(padded, originals)) {
    auto type = cast<RankedTensorType>(original.getType());
    SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
    results.push_back(tensor::ExtractSliceOp::create(
        b, loc, type, result, offsets, tensor::getMixedSizes(b, loc, original),
        strides));
  }
  return results;
}

Value mlir::hopfield::emptyLike(OpBuilder &b, Location loc, Value like,
                                Type element) {
  return tensor::EmptyOp::create(b, loc, tensor::getMixedSizes(b, loc, like),
                                 element);
}

Value mlir::hopfield::divideOrZero(OpBuilder &b, Location loc, Value numerator,
                                   Value denominator) {
  Value zero = floatConstant(b, loc, denominator.getType(), 0.0);
  Value empty = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                      denominator, zero);
  Value quotient = arith::DivFOp::create(b, loc, numerator, denominator);
  return arith::SelectOp::create(b, loc, empty, zero, quotient);
}

Value mlir::hopfield::floatConstant(OpBuilder &b, Location loc, Type type,
                                    double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

Value mlir::hopfield::buildGeneric(OpBuilder &b, Location loc,
                                   ValueRange inputs, Value init,
                                   ArrayRef<AffineMap> maps,
                                   ArrayRef<utils::IteratorType> iterators,
                                   GenericBody body) {
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc,
                                body(nested, nestedLoc, args));
      });
  return generic.getResult(0);
}

AffineMap mlir::hopfield::projection(MLIRContext *ctx, unsigned numDims,
                                     ArrayRef<unsigned> dims) {
  SmallVector<AffineExpr> results;
  for (unsigned d : dims)
    results.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(numDims, 0, results, ctx);
}

AffineMap mlir::hopfield::broadcastMap(MLIRContext *ctx, Type maskType) {
  auto type = cast<ShapedType>(maskType);
  SmallVector<AffineExpr> results;
  for (int64_t i = 0; i < 4; ++i)
    results.push_back(type.getDimSize(i) == 1 ? getAffineConstantExpr(0, ctx)
                                              : getAffineDimExpr(i, ctx));
  return AffineMap::get(4, 0, results, ctx);
}

Value mlir::hopfield::scaleQuery(OpBuilder &b, Location loc, Value query,
                                 double beta, Value headBeta) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(query.getType());
  Value init = emptyLike(b, loc, query, type.getElementType());
  Value betaValue = floatConstant(b, loc, type.getElementType(), beta);
  SmallVector<Value> inputs = {query};
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, ctx);
  SmallVector<AffineMap> maps = {identity};
  if (headBeta) {
    inputs.push_back(headBeta);
    maps.push_back(projection(ctx, 4, {1}));
  }
  maps.push_back(identity);
  return buildGeneric(
      b, loc, inputs, init, maps,
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value scaled = arith::MulFOp::create(nb, nl, args[0], betaValue);
        if (headBeta)
          scaled = arith::MulFOp::create(nb, nl, scaled, args[1]);
        return scaled;
      });
}
