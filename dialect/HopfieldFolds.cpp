//===- HopfieldFolds.cpp - hopfield canonicalization patterns -------------===//
//
// Rewrites that are obviously correct and make later passes simpler. Kept
// apart from verification (HopfieldOps.cpp), as CIRCT's CombFolds.cpp.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Everything needed to re-create an AssociateOp with some parts changed.
struct AssociateParts {
  Type associationType, stepsType;
  Value headBeta;
  double beta;
  SmallVector<int64_t> maxSteps;
  SmallVector<double> eps;
  ConvergenceCriterion criterion;

  explicit AssociateParts(AssociateOp op)
      : associationType(op.getAssociation() ? op.getAssociation().getType()
                                            : Type()),
        stepsType(op.getSteps() ? op.getSteps().getType() : Type()),
        headBeta(op.getHeadBeta()), beta(op.getBeta().convertToDouble()),
        maxSteps(op.getMaxSteps()), eps(op.getEps()),
        criterion(op.getCriterion()) {}

  /// Builds the new op and replaces `op` with it; `dropped` results (the
  /// association or steps result this op no longer produces) must already
  /// have been replaced by the caller or be unused.
  AssociateOp replace(PatternRewriter &rewriter, AssociateOp op) const {
    Builder &b = rewriter;
    auto newOp = AssociateOp::create(
        rewriter, op.getLoc(), op.getOutput().getType(), associationType,
        stepsType, op.getQuery(), op.getKey(), op.getValue(), headBeta,
        op.getMask(), op.getBias(), op.getQueryOffset(),
        b.getF64FloatAttr(beta), b.getDenseI64ArrayAttr(maxSteps),
        b.getDenseF64ArrayAttr(eps),
        ConvergenceCriterionAttr::get(b.getContext(), criterion),
        op.getCausalAttr());
    rewriter.replaceAllUsesWith(op.getOutput(), newOp.getOutput());
    if (associationType)
      rewriter.replaceAllUsesWith(op.getAssociation(), newOp.getAssociation());
    if (stepsType)
      rewriter.replaceAllUsesWith(op.getSteps(), newOp.getSteps());
    rewriter.eraseOp(op);
    return newOp;
  }
};

/// An association matrix nobody reads need not be produced.
struct DropUnusedAssociation : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getAssociation() || !op.getAssociation().use_empty())
      return failure();
    AssociateParts parts(op);
    parts.associationType = Type();
    parts.replace(rewriter, op);
    return success();
  }
};

/// Without update steps every head runs exactly one softmax: the steps
/// result is the constant 1, and eps / criterion are irrelevant (reset to
/// their defaults so that equal ops print and CSE equal).
struct SingleStepNeedsNoIteration : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    if (op.iterates())
      return failure();
    bool defaultStopRule =
        op.getEps().size() == 1 && op.getEps().front() == 1.0e-4 &&
        op.getCriterion() == ConvergenceCriterion::association;
    bool staticSteps =
        op.getSteps() &&
        cast<RankedTensorType>(op.getSteps().getType()).hasStaticShape();
    if (defaultStopRule && op.getMaxSteps().size() == 1 && !staticSteps)
      return failure();
    AssociateParts parts(op);
    parts.maxSteps = {0};
    parts.eps = {1.0e-4};
    parts.criterion = ConvergenceCriterion::association;
    if (staticSteps) {
      auto stepsType = cast<RankedTensorType>(op.getSteps().getType());
      Value ones = arith::ConstantOp::create(
          rewriter, op.getLoc(),
          DenseElementsAttr::get(stepsType, rewriter.getI64IntegerAttr(1)));
      rewriter.replaceAllUsesWith(op.getSteps(), ones);
      parts.stepsType = Type();
    }
    parts.replace(rewriter, op);
    return success();
  }
};

/// Per-head arrays whose entries are all equal hold one value.
struct CollapseUniformPerHeadArrays : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    auto uniform = [](auto values) {
      return values.size() > 1 && llvm::all_equal(values);
    };
    if (!uniform(op.getMaxSteps()) && !uniform(op.getEps()))
      return failure();
    AssociateParts parts(op);
    if (uniform(op.getMaxSteps()))
      parts.maxSteps.resize(1);
    if (uniform(op.getEps()))
      parts.eps.resize(1);
    parts.replace(rewriter, op);
    return success();
  }
};

/// A per-head beta that is the same constant for every head folds into the
/// scalar `beta`.
struct FoldSplatHeadBeta : OpRewritePattern<AssociateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    DenseFPElementsAttr values;
    if (!op.getHeadBeta() ||
        !matchPattern(op.getHeadBeta(), m_Constant(&values)) ||
        !values.isSplat())
      return failure();
    double headBeta = values.getSplatValue<APFloat>().convertToDouble();
    if (!(headBeta > 0.0))
      return failure(); // Leave it for the user to see; beta must stay > 0.
    AssociateParts parts(op);
    parts.beta *= headBeta;
    parts.headBeta = Value();
    parts.replace(rewriter, op);
    return success();
  }
};

/// With alpha_hidden = 0 the incoming hidden state has weight 0: h = S.
struct DropIgnoredHiddenState : OpRewritePattern<MhaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MhaOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getHiddenIn() || !op.getAlphaHidden().isZero())
      return failure();
    rewriter.replaceOpWithNewOp<MhaOp>(
        op, op.getOutput().getType(), op.getHidden().getType(), op.getQuery(),
        op.getKey(), op.getValue(), /*hidden_in=*/Value(), op.getMask(),
        op.getAlphaHiddenAttr(), op.getScaleAttr(), op.getInitAttr(),
        op.getCausalAttr(), op.getLoweringAttr());
    return success();
  }
};

/// MHA with alpha_hidden = 0, no incoming hidden state and an unused hidden
/// result is plain single-step association with beta = scale.
struct MhaWithoutMemoryIsAssociation : OpRewritePattern<MhaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MhaOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getAlphaHidden().isZero() || op.getHiddenIn() ||
        !op.getHidden().use_empty())
      return failure();
    Builder &b = rewriter;
    auto associate = AssociateOp::create(
        rewriter, op.getLoc(), op.getOutput().getType(), Type(), Type(),
        op.getQuery(), op.getKey(), op.getValue(), /*head_beta=*/Value(),
        op.getMask(), /*bias=*/Value(), /*query_offset=*/Value(),
        b.getF64FloatAttr(op.getEffectiveScale()), b.getDenseI64ArrayAttr({0}),
        b.getDenseF64ArrayAttr({1.0e-4}),
        ConvergenceCriterionAttr::get(b.getContext(),
                                      ConvergenceCriterion::association),
        op.getCausalAttr());
    rewriter.replaceAllUsesWith(op.getOutput(), associate.getOutput());
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void AssociateOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<DropUnusedAssociation, SingleStepNeedsNoIteration,
               CollapseUniformPerHeadArrays, FoldSplatHeadBeta>(context);
}

void MhaOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<DropIgnoredHiddenState, MhaWithoutMemoryIsAssociation>(context);
}
