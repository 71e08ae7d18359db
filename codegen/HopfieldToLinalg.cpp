//===- HopfieldToLinalg.cpp - online-form hopfield ops to linalg ----------===//
//
// The tile-level ops of the online form become linalg on tensors; each
// contraction is a linalg.generic the vectorizer recognises:
//
//   online_associate:  s = q k^T (k transposed per tile); masks;
//                      m' = max(m, rowmax s);
//                      p = exp(s - m'); c = exp(m - m');
//                      sum' = c sum + rowsum p;  acc' = c acc + p v
//   association_change: a = qa k^T, b = qb k^T, masked;
//                      change += sum (exp(a - lse_a) - exp(b - lse_b))^2
//   finalize:          acc / sum (0 where sum = 0)
//
// A tile materialises its L_tile x S_tile scores only. After hopfield-tile
// these are small; untiled they are the whole matrix.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"
#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/ScoreBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

namespace mlir::hopfield {
#define GEN_PASS_DEF_CONVERTHOPFIELDTOLINALGPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;
using namespace mlir::hopfield;
using utils::IteratorType;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

SmallVector<IteratorType> rowReduction() {
  return {IteratorType::parallel, IteratorType::parallel,
          IteratorType::parallel, IteratorType::reduction};
}

struct OnlineAssociateToLinalg : OpConversionPattern<OnlineAssociateOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OnlineAssociateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getBeta().convertToDouble() != 1.0 || op.getHeadBeta())
      return rewriter.notifyMatchFailure(
          op, "scale not folded into the query (run hopfield-fold-scale)");
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Type accType = cast<ShapedType>(op.getAccInit().getType()).getElementType();
    ScoreOperands operands{op.getMask(), op.getBias(), op.getQueryOffset(),
                           op.getKeyOffset(), op.getCausal()};
    AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap row4 = projection(ctx, 4, {0, 1, 2});
    AffineMap id3 = AffineMap::getMultiDimIdentityMap(3, ctx);

    // Masked scores of the tile.
    Value keyT = transposeKey(rewriter, loc, op.getKey());
    Value raw = scores(rewriter, loc, op.getQuery(), keyT, accType);
    SmallVector<Value> inputs = {raw};
    SmallVector<AffineMap> maps = {id4};
    ScoreMasking masking(ctx, operands, inputs, maps);
    maps.push_back(id4);
    Value masked = buildGeneric(
        rewriter, loc, inputs, emptyLike(rewriter, loc, raw, accType), maps,
        SmallVector<IteratorType>(4, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          return masking.apply(b, l, args[0], args);
        });

    // m' = max(m, rowmax s).
    Value newMax = buildGeneric(
        rewriter, loc, {masked}, op.getMaxInit(), {id4, row4}, rowReduction(),
        [&](OpBuilder &b, Location l, ValueRange args) {
          return arith::MaximumFOp::create(b, l, args[0], args[1]);
        });
    // c = exp(m - m'), 1 while the row has no unmasked key yet.
    Value correction = buildGeneric(
        rewriter, loc, {op.getMaxInit(), newMax},
        emptyLike(rewriter, loc, newMax, accType), {id3, id3, id3},
        SmallVector<IteratorType>(3, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value stillEmpty =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, args[1],
                                    floatConstant(b, l, accType, -kInf));
          Value factor = math::ExpOp::create(
              b, l, arith::SubFOp::create(b, l, args[0], args[1]));
          return arith::SelectOp::create(
              b, l, stillEmpty, floatConstant(b, l, accType, 1.0), factor);
        });
    // p = exp(s - m').
    Value probabilities = buildGeneric(
        rewriter, loc, {masked, newMax},
        emptyLike(rewriter, loc, masked, accType), {id4, row4, id4},
        SmallVector<IteratorType>(4, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          return expShifted(b, l, args[0], args[1]);
        });
    // sum' = c sum + rowsum p.
    Value scaledSum =
        buildGeneric(rewriter, loc, {op.getSumInit(), correction},
                     emptyLike(rewriter, loc, newMax, accType), {id3, id3, id3},
                     SmallVector<IteratorType>(3, IteratorType::parallel),
                     [&](OpBuilder &b, Location l, ValueRange args) {
                       return arith::MulFOp::create(b, l, args[0], args[1]);
                     });
    Value newSum = buildGeneric(
        rewriter, loc, {probabilities}, scaledSum, {id4, row4}, rowReduction(),
        [&](OpBuilder &b, Location l, ValueRange args) {
          return arith::AddFOp::create(b, l, args[0], args[1]);
        });
    // acc' = c acc + p v.
    Value scaledAcc = buildGeneric(
        rewriter, loc, {op.getAccInit(), correction},
        emptyLike(rewriter, loc, op.getAccInit(), accType), {id4, row4, id4},
        SmallVector<IteratorType>(4, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          return arith::MulFOp::create(b, l, args[0], args[1]);
        });
    Value newAcc = buildGeneric(
        rewriter, loc, {probabilities, op.getValue()}, scaledAcc,
        {projection(ctx, 5, {0, 1, 2, 4}), projection(ctx, 5, {0, 1, 4, 3}),
         projection(ctx, 5, {0, 1, 2, 3})},
        {IteratorType::parallel, IteratorType::parallel, IteratorType::parallel,
         IteratorType::parallel, IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[1];
          if (v.getType() != accType)
            v = arith::ExtFOp::create(b, l, accType, v);
          Value product = arith::MulFOp::create(b, l, args[0], v);
          return arith::AddFOp::create(b, l, args[2], product);
        });
    rewriter.replaceOp(op, {newAcc, newMax, newSum});
    return success();
  }
};

struct AssociationChangeToLinalg : OpConversionPattern<AssociationChangeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AssociationChangeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Type accType = cast<ShapedType>(op.getInit().getType()).getElementType();
    ScoreOperands operands{op.getMask(), op.getBias(), op.getQueryOffset(),
                           op.getKeyOffset(), op.getCausal()};
    Value keyT = transposeKey(rewriter, loc, op.getKey());
    Value scoresA = scores(rewriter, loc, op.getQueryA(), keyT, accType);
    Value scoresB = scores(rewriter, loc, op.getQueryB(), keyT, accType);
    AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap row4 = projection(ctx, 4, {0, 1, 2});
    SmallVector<Value> inputs = {scoresA, scoresB, op.getLseA(), op.getLseB()};
    SmallVector<AffineMap> maps = {id4, id4, row4, row4};
    ScoreMasking masking(ctx, operands, inputs, maps);
    maps.push_back(projection(ctx, 4, {0, 1}));
    Value change = buildGeneric(
        rewriter, loc, inputs, op.getInit(), maps,
        {IteratorType::parallel, IteratorType::parallel,
         IteratorType::reduction, IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value a =
              expShifted(b, l, masking.apply(b, l, args[0], args), args[2]);
          Value c =
              expShifted(b, l, masking.apply(b, l, args[1], args), args[3]);
          Value diff = arith::SubFOp::create(b, l, a, c);
          Value square = arith::MulFOp::create(b, l, diff, diff);
          return arith::AddFOp::create(b, l, args.back(), square);
        });
    rewriter.replaceOp(op, change);
    return success();
  }
};

struct FinalizeToLinalg : OpConversionPattern<FinalizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FinalizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    AffineMap id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
    Value init =
        emptyLike(rewriter, loc, op.getAcc(), outType.getElementType());
    Value output = buildGeneric(
        rewriter, loc, {op.getAcc(), op.getSum()}, init,
        {id4, projection(ctx, 4, {0, 1, 2}), id4},
        SmallVector<IteratorType>(4, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value mean = divideOrZero(b, l, args[0], args[1]);
          if (mean.getType() != args[2].getType())
            mean = arith::TruncFOp::create(b, l, args[2].getType(), mean);
          return mean;
        });
    if (output.getType() != outType)
      output = tensor::CastOp::create(rewriter, loc, outType, output);
    rewriter.replaceOp(op, output);
    return success();
  }
};

struct ConvertHopfieldToLinalgPass
    : mlir::hopfield::impl::ConvertHopfieldToLinalgPassBase<
          ConvertHopfieldToLinalgPass> {
  using Base::Base;
  void runOnOperation() override {
    // Say what is missing rather than only that legalization failed.
    WalkResult unfolded = getOperation()->walk([](OnlineAssociateOp op) {
      if (op.getBeta().convertToDouble() == 1.0 && !op.getHeadBeta())
        return WalkResult::advance();
      op.emitOpError("has its score scale (beta / head_beta) unfolded: run "
                     "hopfield-fold-scale before convert-hopfield-to-linalg");
      return WalkResult::interrupt();
    });
    if (unfolded.wasInterrupted())
      return signalPassFailure();
    ConversionTarget target(getContext());
    target.addIllegalDialect<HopfieldDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    target.addIllegalDialect<HopfieldDialect>();
    RewritePatternSet patterns(&getContext());
    populateHopfieldToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::hopfield::populateHopfieldToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<OnlineAssociateToLinalg, AssociationChangeToLinalg,
               FinalizeToLinalg>(patterns.getContext());
}
