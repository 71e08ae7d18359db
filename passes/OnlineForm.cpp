//===- OnlineForm.cpp - associate -> online_associate + finalize ----------===//

#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

struct AssociateToOnline : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    if (op.iterates())
      return rewriter.notifyMatchFailure(op, "runs Hopfield update steps");
    if (op.getAssociation())
      return rewriter.notifyMatchFailure(
          op, "association matrix requested (hopfield-expand-updates)");

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
