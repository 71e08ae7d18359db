//===- OnlineForm.cpp - associate -> online_associate + finalize ----------===//

#include "dialect/HopfieldOps.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// A tensor of `shape` (sizes from `dims`) filled with `value`.
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                   Type element, TypedAttr value) {
  Value empty = tensor::EmptyOp::create(b, loc, dims, element);
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

/// Accumulator / statistics type: at least f32, so that f16 and bf16
/// association keeps f32 softmax statistics.
Type accumulatorType(Type element) {
  if (element.getIntOrFloatBitWidth() < 32)
    return Float32Type::get(element.getContext());
  return element;
}

struct AssociateToOnline : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    if (op.iterates())
      return rewriter.notifyMatchFailure(op, "runs Hopfield update steps");
    if (op.getAssociation())
      return rewriter.notifyMatchFailure(op, "association matrix requested");

    Location loc = op.getLoc();
    auto dim = [&](Value v, int64_t i) {
      return tensor::getMixedSize(rewriter, loc, v, i);
    };
    SmallVector<OpFoldResult> rows = {
        dim(op.getQuery(), 0), dim(op.getQuery(), 1), dim(op.getQuery(), 2)};
    SmallVector<OpFoldResult> accDims(rows);
    accDims.push_back(dim(op.getValue(), 3));

    auto floatType =
        cast<FloatType>(accumulatorType(op.getQueryType().getElementType()));
    auto floatAttr = [&](double v) {
      return rewriter.getFloatAttr(floatType, v);
    };
    Value acc = filledTensor(rewriter, loc, accDims, floatType, floatAttr(0.0));
    Value max =
        filledTensor(rewriter, loc, rows, floatType,
                     floatAttr(-std::numeric_limits<double>::infinity()));
    Value sum = filledTensor(rewriter, loc, rows, floatType, floatAttr(0.0));

    // The online op takes both offsets or neither; the keys start at 0.
    Value queryOffset = op.getQueryOffset(), keyOffset;
    if (queryOffset)
      keyOffset = arith::ConstantIndexOp::create(rewriter, loc, 0);
    auto online = OnlineAssociateOp::create(
        rewriter, loc, acc.getType(), max.getType(), sum.getType(),
        op.getQuery(), op.getKey(), op.getValue(), op.getHeadBeta(),
        op.getMask(), op.getBias(), queryOffset, keyOffset, acc, max, sum,
        op.getBetaAttr(), op.getCausalAttr());
    Value output = FinalizeOp::create(rewriter, loc, op.getOutput().getType(),
                                      online.getAcc(), online.getSum());

    SmallVector<Value> replacements = {output};
    if (op.getSteps())
      replacements.push_back(filledTensor(rewriter, loc, {rows[1]},
                                          rewriter.getI64Type(),
                                          rewriter.getI64IntegerAttr(1)));
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

} // namespace

void mlir::hopfield::populateAssociateToOnlinePatterns(
    RewritePatternSet &patterns) {
  patterns.add<AssociateToOnline>(patterns.getContext());
}
