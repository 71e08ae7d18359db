//===- FoldScale.cpp - fold the score scale into the query ----------------===//
//
// `beta * head_beta[h] * (q . k)` costs one multiply per score; scaling the
// query first costs one per query element, L*D instead of L*S, and scaling
// the weights of the query's projection (when it is one) costs nothing at
// run time (ScaleProjection.cpp).
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/ScaleProjection.h"
#include "passes/Transforms.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

struct FoldScaleIntoQuery : OpRewritePattern<OnlineAssociateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(OnlineAssociateOp op,
                                PatternRewriter &rewriter) const override {
    double beta = op.getBeta().convertToDouble();
    if (beta == 1.0 && !op.getHeadBeta())
      return rewriter.notifyMatchFailure(op, "scores are not scaled");
    if (failed(scaleQueryProjection(rewriter, op.getQuery(), beta,
                                    op.getHeadBeta()))) {
      Value scaled = scaleQuery(rewriter, op.getLoc(), op.getQuery(), beta,
                                op.getHeadBeta());
      rewriter.modifyOpInPlace(op,
                               [&] { op.getQueryMutable().assign(scaled); });
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.getHeadBetaMutable().clear();
      op.setBetaAttr(rewriter.getF64FloatAttr(1.0));
    });
    return success();
  }
};

} // namespace

void mlir::hopfield::populateFoldScalePatterns(RewritePatternSet &patterns) {
  patterns.add<FoldScaleIntoQuery>(patterns.getContext());
}
