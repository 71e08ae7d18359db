//===- FoldNormAffine.cpp - LayerNorm affine into the projection ----------===//
//
// A projection of a LayerNorm output,
//   y = ((x - mean) * rstd * gamma + beta) W^T + b,
// equals a projection of the standardised input with folded constants,
//   y = ((x - mean) * rstd) (W diag(gamma))^T + (b + W beta),
// so the affine map costs nothing at run time, and the projections of the
// three input LayerNorms of a self-associating Hopfield layer then read one
// standardised tensor (CSE merges the standardisations), which
// hopfield-merge-projections turns into one GEMM. The match is on the IR the
// frontend emits (LayerBuilders.h): the LayerNorm's last linalg.generic
// `(x - mean) * rstd * gamma [+ beta]` with constant gamma / beta over the
// last dimension, optionally a tensor.collapse_shape, and a linalg.matmul
// with a constant [K, N] weight whose accumulator is the broadcast constant
// bias (or a zero fill).
//
//===----------------------------------------------------------------------===//

#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// The constant float values of `value`, or failure.
FailureOr<SmallVector<double>> constantValues(Value value) {
  DenseFPElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return failure();
  SmallVector<double> values;
  for (const APFloat &v : attr.getValues<APFloat>())
    values.push_back(v.convertToDouble());
  return values;
}

/// A LayerNorm output `(x - mean) * rstd * gamma [+ beta]` (an all-parallel
/// linalg.generic) whose gamma / beta are constants over the last loop.
struct AffineNorm {
  linalg::GenericOp op;
  /// Operand numbers of x, mean and rstd.
  unsigned x = 0, mean = 1, rstd = 2;
  SmallVector<double> gamma, beta;
};

/// Block argument `arg` of `op` as an operand number, if it is an input.
std::optional<unsigned> inputNumber(linalg::GenericOp op, Value arg) {
  auto blockArg = dyn_cast<BlockArgument>(arg);
  if (!blockArg || blockArg.getOwner() != op.getBody() ||
      blockArg.getArgNumber() >= op.getNumDpsInputs())
    return std::nullopt;
  return blockArg.getArgNumber();
}

/// A constant input of `op` indexed by the last loop only.
FailureOr<SmallVector<double>> lastDimConstant(linalg::GenericOp op,
                                               unsigned input) {
  AffineMap map = op.getIndexingMapsArray()[input];
  unsigned loops = op.getNumLoops();
  if (map.getNumResults() != 1 ||
      map.getResult(0) != getAffineDimExpr(loops - 1, op.getContext()))
    return failure();
  return constantValues(op.getDpsInputOperand(input)->get());
}

FailureOr<AffineNorm> matchAffineNorm(Value value) {
  auto op = value.getDefiningOp<linalg::GenericOp>();
  if (!op || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops())
    return failure();
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  Value result = yield.getOperand(0);
  AffineNorm norm;
  norm.op = op;
  // Optional `+ beta`.
  std::optional<unsigned> betaInput;
  if (auto add = result.getDefiningOp<arith::AddFOp>()) {
    betaInput = inputNumber(op, add.getRhs());
    if (!betaInput)
      return failure();
    result = add.getLhs();
  }
  auto scale = result.getDefiningOp<arith::MulFOp>();
  if (!scale)
    return failure();
  std::optional<unsigned> gammaInput = inputNumber(op, scale.getRhs());
  auto normalize = scale.getLhs().getDefiningOp<arith::MulFOp>();
  if (!gammaInput || !normalize)
    return failure();
  auto centered = normalize.getLhs().getDefiningOp<arith::SubFOp>();
  std::optional<unsigned> rstd = inputNumber(op, normalize.getRhs());
  if (!centered || !rstd)
    return failure();
  std::optional<unsigned> x = inputNumber(op, centered.getLhs());
  std::optional<unsigned> mean = inputNumber(op, centered.getRhs());
  if (!x || !mean)
    return failure();
  norm.x = *x;
  norm.mean = *mean;
  norm.rstd = *rstd;
  FailureOr<SmallVector<double>> gamma = lastDimConstant(op, *gammaInput);
  if (failed(gamma))
    return failure();
  norm.gamma = *gamma;
  if (betaInput) {
    FailureOr<SmallVector<double>> beta = lastDimConstant(op, *betaInput);
    if (failed(beta))
      return failure();
    norm.beta = *beta;
  } else {
    norm.beta.assign(norm.gamma.size(), 0.0);
  }
  return norm;
}

/// `(x - mean) * rstd` on the operands of `norm`.
Value buildStandardized(RewriterBase &rewriter, const AffineNorm &norm) {
  linalg::GenericOp op = norm.op;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<Value> inputs = {op.getDpsInputOperand(norm.x)->get(),
                               op.getDpsInputOperand(norm.mean)->get(),
                               op.getDpsInputOperand(norm.rstd)->get()};
  SmallVector<AffineMap> newMaps = {maps[norm.x], maps[norm.mean],
                                    maps[norm.rstd], maps.back()};
  Value init = op.getDpsInitOperand(0)->get();
  return linalg::GenericOp::create(
             rewriter, op.getLoc(), TypeRange{init.getType()}, inputs,
             ValueRange{init}, newMaps, op.getIteratorTypesArray(),
             [](OpBuilder &b, Location loc, ValueRange args) {
               Value centered = arith::SubFOp::create(b, loc, args[0], args[1]);
               Value scaled = arith::MulFOp::create(b, loc, centered, args[2]);
               linalg::YieldOp::create(b, loc, scaled);
             })
      .getResult(0);
}

/// A dense constant of `type` holding `values`.
Value denseConstant(RewriterBase &rewriter, Location loc, RankedTensorType type,
                    ArrayRef<double> values) {
  auto element = cast<FloatType>(type.getElementType());
  SmallVector<APFloat> floats;
  for (double v : values) {
    APFloat f(v);
    bool lost;
    f.convert(element.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    floats.push_back(f);
  }
  return arith::ConstantOp::create(rewriter, loc,
                                   DenseElementsAttr::get(type, floats));
}

struct FoldNormAffineIntoMatmul : OpRewritePattern<linalg::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::MatmulOp matmul,
                                PatternRewriter &rewriter) const override {
    if (matmul.hasUserDefinedMaps())
      return rewriter.notifyMatchFailure(matmul, "not a plain matmul");
    Value lhs = matmul.getDpsInputOperand(0)->get();
    Value weight = matmul.getDpsInputOperand(1)->get();
    Value acc = matmul.getDpsInitOperand(0)->get();
    auto collapse = lhs.getDefiningOp<tensor::CollapseShapeOp>();
    Value normOut = collapse ? collapse.getSrc() : lhs;
    FailureOr<AffineNorm> norm = matchAffineNorm(normOut);
    if (failed(norm))
      return rewriter.notifyMatchFailure(matmul, "input is no affine norm");
    FailureOr<SmallVector<double>> weights = constantValues(weight);
    if (failed(weights))
      return rewriter.notifyMatchFailure(matmul, "weight is not constant");
    auto weightType = cast<RankedTensorType>(weight.getType());
    int64_t k = weightType.getDimSize(0), n = weightType.getDimSize(1);
    if (static_cast<int64_t>(norm->gamma.size()) != k)
      return rewriter.notifyMatchFailure(matmul, "norm width differs");

    // The accumulator: broadcast constant bias, or a zero fill.
    SmallVector<double> bias(n, 0.0);
    Value accInit;
    if (auto broadcast = acc.getDefiningOp<linalg::BroadcastOp>()) {
      FailureOr<SmallVector<double>> b = constantValues(broadcast.getInput());
      if (failed(b) || broadcast.getDimensions() != ArrayRef<int64_t>{0})
        return rewriter.notifyMatchFailure(matmul, "bias is not constant");
      bias = *b;
      accInit = broadcast.getInit();
    } else if (auto fill = acc.getDefiningOp<linalg::FillOp>()) {
      if (!matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
        return rewriter.notifyMatchFailure(matmul, "accumulator not zero");
      accInit = fill.getOutputs()[0];
    } else {
      return rewriter.notifyMatchFailure(matmul, "unknown accumulator");
    }

    // W^T' [k, n] = gamma[k] W^T[k, n];  b' = b + beta W^T.
    SmallVector<double> folded(*weights);
    for (int64_t i = 0; i < k; ++i)
      for (int64_t j = 0; j < n; ++j) {
        bias[j] += norm->beta[i] * (*weights)[i * n + j];
        folded[i * n + j] *= norm->gamma[i];
      }

    Location loc = matmul.getLoc();
    rewriter.setInsertionPoint(norm->op);
    Value standardized = buildStandardized(rewriter, *norm);
    rewriter.setInsertionPoint(matmul);
    Value newLhs = standardized;
    if (collapse)
      newLhs = tensor::CollapseShapeOp::create(
          rewriter, loc, collapse.getResultType(), standardized,
          collapse.getReassociationIndices());
    Value newWeight = denseConstant(rewriter, loc, weightType, folded);
    auto biasType = RankedTensorType::get({n}, weightType.getElementType());
    Value newBias = denseConstant(rewriter, loc, biasType, bias);
    Value newAcc = linalg::BroadcastOp::create(rewriter, loc, newBias, accInit,
                                               ArrayRef<int64_t>{0})
                       .getResult()
                       .front();
    rewriter.replaceOpWithNewOp<linalg::MatmulOp>(
        matmul, TypeRange{matmul.getResultTypes()},
        ValueRange{newLhs, newWeight}, ValueRange{newAcc});
    return success();
  }
};

} // namespace

void mlir::hopfield::populateFoldNormAffinePatterns(
    RewritePatternSet &patterns) {
  patterns.add<FoldNormAffineIntoMatmul>(patterns.getContext());
}
