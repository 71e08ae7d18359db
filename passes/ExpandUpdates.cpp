//===- ExpandUpdates.cpp - the Hopfield update loop in online form --------===//
//
// An iterating `hopfield.associate` becomes an `scf.while` over update steps
// (SPEC 3.9) whose every step is a single-step association in online form,
// so that key tiling applies inside the loop and no L x S matrix exists:
//
//   qs            = beta * query                  (scale folded into Q)
//   (acc, m, l)   = online(qs, K, K)              (xi K, unnormalised)
//   while any head is active:
//     qn          = active_h ? beta_h * acc / l : qs
//     (acc, m, l) = online(qn, K, K)
//     change      = association_change(qn, qs)    (or the state criterion)
//     steps_h    += active_h
//     active_h    = active_h and budget left and max_b change > eps_h
//     qs          = qn
//   output        = finalize(online(qs, K, V))     (reuses acc / l if V = K)
//   association   = exp(qs K^T + bias - lse(qs))   (only when requested)
//
// Unrolled (option `unroll`, for the GPU, whose host cannot read the
// stopping rule's data without a round trip): the loop body repeated as many
// times as the largest step budget, without the `any head active` test. A
// step of a stopped head keeps its state, count and flag, so the extra steps
// change nothing and the result is the loop's, bit for bit.
//
// An op that runs no update step but requests its association matrix takes
// the same route without the loop: one online pass over (K, V) gives the
// output and the log-sum-exp the matrix needs.
//
//===----------------------------------------------------------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/AssociationMatrix.h"
#include "passes/LinalgBuilders.h"
#include "passes/ScaleProjection.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using utils::IteratorType;

/// Builds the pieces of one expansion; all tensors are [B,H,L,*] of `op`.
class UpdateLoopBuilder {
public:
  UpdateLoopBuilder(RewriterBase &b, AssociateOp op, bool unroll)
      : b(b), op(op), loc(op.getLoc()), ctx(b.getContext()), unroll(unroll) {
    element = op.getQueryType().getElementType();
    acc = accumulatorType(element);
    for (int64_t i = 0; i < 3; ++i)
      rows.push_back(tensor::getMixedSize(b, loc, op.getQuery(), i));
    heads = rows[1];
  }

  struct Results {
    Value output, steps, association;
  };

  /// The whole expansion; `association` is null unless `op` requests it.
  Results build();

private:
  struct Partial {
    Value acc, max, sum;
  };

  Value scaledQuery();
  Partial online(Value scaledQuery, Value value);
  Value logSumExp(Partial partial);
  Value anyActive(Value active);
  Value nextState(Value active, Value betas, Value scaledQuery,
                  Partial partial);
  Value changePerHead(Value next, Value nextLse, Value current,
                      Value currentLse, Value betas);
  Value countSteps(Value steps, Value active);
  Value stillActive(Value active, Value steps, Value budget, Value change,
                    Value threshold);
  /// One update step on the carried (state, lse, acc, sum, steps, active).
  SmallVector<Value> step(ValueRange carried, Value budget, Value threshold,
                          Value betas);
  /// The carried values after every update step: an scf.while, or the step
  /// repeated up to the largest budget when unrolling.
  SmallVector<Value> iterate(ValueRange inits, Value budget, Value threshold,
                             Value betas);

  /// Unrolled steps carry the loop's largest budget (kUpdateBudgetAttr),
  /// which the GPU's kernel choice reads.
  void markBudget(Operation *step) {
    if (unroll && op.iterates())
      step->setAttr(kUpdateBudgetAttr,
                    b.getI64IntegerAttr(largestBudget(op)));
  }

  SmallVector<IteratorType> parallel(unsigned n) {
    return SmallVector<IteratorType>(n, IteratorType::parallel);
  }

  RewriterBase &b;
  AssociateOp op;
  Location loc;
  MLIRContext *ctx;
  Type element, acc;
  SmallVector<OpFoldResult> rows;
  OpFoldResult heads;
  bool unroll;
};

/// beta * head_beta[h] * query: folded into the weights of the query's
/// projection when it is one, else one elementwise generic.
Value UpdateLoopBuilder::scaledQuery() {
  double beta = op.getBeta().convertToDouble();
  if (succeeded(scaleQueryProjection(b, op.getQuery(), beta, op.getHeadBeta())))
    return op.getQuery();
  return scaleQuery(b, loc, op.getQuery(), beta, op.getHeadBeta());
}

UpdateLoopBuilder::Partial UpdateLoopBuilder::online(Value scaledQuery,
                                                     Value value) {
  SmallVector<OpFoldResult> accDims(rows);
  accDims.push_back(tensor::getMixedSize(b, loc, value, 3));
  Value accInit = filledTensor(b, loc, accDims, acc, b.getFloatAttr(acc, 0));
  Value maxInit = filledTensor(b, loc, rows, acc, b.getFloatAttr(acc, -kInf));
  Value sumInit = filledTensor(b, loc, rows, acc, b.getFloatAttr(acc, 0));
  Value queryOffset = op.getQueryOffset(), keyOffset;
  if (queryOffset)
    keyOffset = arith::ConstantIndexOp::create(b, loc, 0);
  auto online = OnlineAssociateOp::create(
      b, loc, accInit.getType(), maxInit.getType(), sumInit.getType(),
      scaledQuery, op.getKey(), value, /*head_beta=*/Value(), op.getMask(),
      op.getBias(), queryOffset, keyOffset, accInit, maxInit, sumInit,
      b.getF64FloatAttr(1.0), op.getCausalAttr());
  markBudget(online);
  return {online.getAcc(), online.getMax(), online.getSum()};
}

Value UpdateLoopBuilder::logSumExp(Partial partial) {
  Value init = tensor::EmptyOp::create(b, loc, rows, acc);
  AffineMap id = AffineMap::getMultiDimIdentityMap(3, ctx);
  return buildGeneric(
      b, loc, {partial.max, partial.sum}, init, {id, id, id}, parallel(3),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value zero = floatConstant(nb, nl, acc, 0.0);
        Value empty = arith::CmpFOp::create(nb, nl, arith::CmpFPredicate::OEQ,
                                            args[1], zero);
        Value lse = arith::AddFOp::create(nb, nl, args[0],
                                          math::LogOp::create(nb, nl, args[1]));
        return arith::SelectOp::create(nb, nl, empty,
                                       floatConstant(nb, nl, acc, -kInf), lse);
      });
}

Value UpdateLoopBuilder::anyActive(Value active) {
  Value init = filledTensor(b, loc, {}, b.getI1Type(), b.getBoolAttr(false));
  AffineMap in = AffineMap::getMultiDimIdentityMap(1, ctx);
  AffineMap out = AffineMap::get(1, 0, {}, ctx);
  Value any =
      buildGeneric(b, loc, {active}, init, {in, out}, {IteratorType::reduction},
                   [&](OpBuilder &nb, Location nl, ValueRange args) {
                     return arith::OrIOp::create(nb, nl, args[0], args[1]);
                   });
  return tensor::ExtractOp::create(b, loc, any, ValueRange{});
}

/// Active heads move to beta_h * (xi K); the others keep their state.
Value UpdateLoopBuilder::nextState(Value active, Value betas, Value scaledQuery,
                                   Partial partial) {
  AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
  AffineMap head = projection(ctx, 4, {1});
  AffineMap row = projection(ctx, 4, {0, 1, 2});
  Value init = emptyLike(b, loc, scaledQuery, element);
  return buildGeneric(
      b, loc, {active, betas, partial.acc, partial.sum, scaledQuery}, init,
      {head, head, id, row, id, id}, parallel(4),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value mean = divideOrZero(nb, nl, args[2], args[3]);
        Value moved = arith::MulFOp::create(nb, nl, mean, args[1]);
        if (moved.getType() != element)
          moved = arith::TruncFOp::create(nb, nl, element, moved);
        return arith::SelectOp::create(nb, nl, args[0], moved, args[4]);
      });
}

/// Per head: max over the batch of the criterion's change (the association
/// criterion returns squared Frobenius norms).
Value UpdateLoopBuilder::changePerHead(Value next, Value nextLse, Value current,
                                       Value currentLse, Value betas) {
  Value perHeadInit =
      filledTensor(b, loc, {heads}, acc, b.getFloatAttr(acc, 0.0));
  if (op.getCriterion() == ConvergenceCriterion::association) {
    Value zeros =
        filledTensor(b, loc, {rows[0], heads}, acc, b.getFloatAttr(acc, 0));
    Value keyOffset, queryOffset = op.getQueryOffset();
    if (queryOffset)
      keyOffset = arith::ConstantIndexOp::create(b, loc, 0);
    auto changeOp = AssociationChangeOp::create(
        b, loc, zeros.getType(), next, current, op.getKey(), nextLse,
        currentLse, op.getMask(), op.getBias(), queryOffset, keyOffset, zeros,
        op.getCausalAttr());
    markBudget(changeOp);
    Value change = changeOp;
    return buildGeneric(
        b, loc, {change}, perHeadInit,
        {AffineMap::getMultiDimIdentityMap(2, ctx), projection(ctx, 2, {1})},
        {IteratorType::reduction, IteratorType::parallel},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          return arith::MaximumFOp::create(nb, nl, args[0], args[1]);
        });
  }
  // State criterion: max over (b, l, d) of |next - current| / beta_h, the
  // change of the unscaled state.
  AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
  AffineMap head = projection(ctx, 4, {1});
  return buildGeneric(
      b, loc, {next, current, betas}, perHeadInit, {id, id, head, head},
      {IteratorType::reduction, IteratorType::parallel, IteratorType::reduction,
       IteratorType::reduction},
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value diff = arith::SubFOp::create(nb, nl, args[0], args[1]);
        if (diff.getType() != acc)
          diff = arith::ExtFOp::create(nb, nl, acc, diff);
        diff = math::AbsFOp::create(nb, nl, diff);
        diff = arith::DivFOp::create(nb, nl, diff, args[2]);
        return arith::MaximumFOp::create(nb, nl, diff, args[3]);
      });
}

Value UpdateLoopBuilder::countSteps(Value steps, Value active) {
  AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
  Value init = tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{heads},
                                       b.getI64Type());
  return buildGeneric(b, loc, {steps, active}, init, {id, id, id}, parallel(1),
                      [&](OpBuilder &nb, Location nl, ValueRange args) {
                        Value one = arith::ExtUIOp::create(
                            nb, nl, nb.getI64Type(), args[1]);
                        return arith::AddIOp::create(nb, nl, args[0], one);
                      });
}

/// active_h and (budget_h unbounded or steps_h - 1 < budget_h) and
/// change_h > threshold_h.
Value UpdateLoopBuilder::stillActive(Value active, Value steps, Value budget,
                                     Value change, Value threshold) {
  AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
  Value init = tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{heads},
                                       b.getI1Type());
  return buildGeneric(
      b, loc, {active, steps, budget, change, threshold}, init,
      {id, id, id, id, id, id}, parallel(1),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value one = arith::ConstantIntOp::create(nb, nl, nb.getI64Type(), 1);
        Value zero = arith::ConstantIntOp::create(nb, nl, nb.getI64Type(), 0);
        Value updates = arith::SubIOp::create(nb, nl, args[1], one);
        Value unbounded = arith::CmpIOp::create(
            nb, nl, arith::CmpIPredicate::slt, args[2], zero);
        Value withinBudget = arith::CmpIOp::create(
            nb, nl, arith::CmpIPredicate::slt, updates, args[2]);
        Value budgetLeft =
            arith::OrIOp::create(nb, nl, unbounded, withinBudget);
        Value changed = arith::CmpFOp::create(nb, nl, arith::CmpFPredicate::OGT,
                                              args[3], args[4]);
        Value keep = arith::AndIOp::create(nb, nl, args[0], budgetLeft);
        return arith::AndIOp::create(nb, nl, keep, changed);
      });
}

UpdateLoopBuilder::Results UpdateLoopBuilder::build() {
  if (!op.iterates()) {
    Value scaled = scaledQuery();
    Partial result = online(scaled, op.getValue());
    Value output = FinalizeOp::create(b, loc, op.getOutput().getType(),
                                      result.acc, result.sum);
    Value steps =
        filledTensor(b, loc, {heads}, b.getI64Type(), b.getI64IntegerAttr(1));
    Value association =
        buildAssociationMatrix(b, loc, op, scaled, logSumExp(result));
    return {output, steps, association};
  }

  bool frobenius = op.getCriterion() == ConvergenceCriterion::association;
  Value budget = stepBudgets(b, loc, op, heads);
  Value threshold = stopThresholds(b, loc, op, heads, acc, frobenius);
  Value betas = stateScales(b, loc, op, heads, acc);

  Value scaled = scaledQuery();
  Partial first = online(scaled, op.getKey());
  Value firstLse = logSumExp(first);
  Value steps =
      filledTensor(b, loc, {heads}, b.getI64Type(), b.getI64IntegerAttr(1));
  // After the first softmax a head is active when it has any budget.
  AffineMap id1 = AffineMap::getMultiDimIdentityMap(1, ctx);
  Value active = buildGeneric(
      b, loc, {budget},
      tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{heads},
                              b.getI1Type()),
      {id1, id1}, parallel(1),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value zero = arith::ConstantIntOp::create(nb, nl, nb.getI64Type(), 0);
        return arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::ne, args[0],
                                     zero);
      });

  SmallVector<Value> inits = {scaled,    firstLse, first.acc,
                              first.sum, steps,    active};
  SmallVector<Value> last = iterate(inits, budget, threshold, betas);

  Value finalState = last[0];
  Partial result{last[2], {}, last[3]};
  if (op.getValue() != op.getKey())
    result = online(finalState, op.getValue());
  Value output = FinalizeOp::create(b, loc, op.getOutput().getType(),
                                    result.acc, result.sum);
  Value association;
  if (op.getAssociation())
    association =
        buildAssociationMatrix(b, loc, op, finalState, last[1]);
  return {output, last[4], association};
}

SmallVector<Value> UpdateLoopBuilder::step(ValueRange carried, Value budget,
                                           Value threshold, Value betas) {
  Value current = carried[0], currentLse = carried[1], isActive = carried[5];
  Value next =
      nextState(isActive, betas, current, Partial{carried[2], {}, carried[3]});
  Partial partial = online(next, op.getKey());
  Value nextLse = logSumExp(partial);
  Value change = changePerHead(next, nextLse, current, currentLse, betas);
  Value nextSteps = countSteps(carried[4], isActive);
  Value nextActive =
      stillActive(isActive, nextSteps, budget, change, threshold);
  return {next, nextLse, partial.acc, partial.sum, nextSteps, nextActive};
}

SmallVector<Value> UpdateLoopBuilder::iterate(ValueRange inits, Value budget,
                                              Value threshold, Value betas) {
  if (unroll) {
    // The expansion pattern refuses unbounded budgets when unrolling.
    int64_t largest = largestBudget(op);
    SmallVector<Value> carried(inits);
    for (int64_t i = 0; i < largest; ++i)
      carried = step(carried, budget, threshold, betas);
    return carried;
  }
  SmallVector<Type> types = llvm::to_vector(inits.getTypes());
  auto loop = scf::WhileOp::create(
      b, loc, types, inits,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToEnd(nb.getInsertionBlock());
        scf::ConditionOp::create(b, nl, anyActive(args[5]), args);
      },
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToEnd(nb.getInsertionBlock());
        scf::YieldOp::create(b, nl, step(args, budget, threshold, betas));
      });
  return SmallVector<Value>(loop.getResults());
}

struct ExpandUpdateLoop : OpRewritePattern<AssociateOp> {
  ExpandUpdateLoop(MLIRContext *ctx, bool unroll)
      : OpRewritePattern(ctx), unroll(unroll) {}

  LogicalResult matchAndRewrite(AssociateOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.iterates() && !op.getAssociation())
      return rewriter.notifyMatchFailure(
          op, "single step without association matrix (hopfield-to-online)");
    if (unroll && op.iterates() && !hasBoundedBudget(op))
      return rewriter.notifyMatchFailure(
          op, "an unbounded step budget cannot be unrolled");
    auto [output, steps, association] =
        UpdateLoopBuilder(rewriter, op, unroll).build();
    SmallVector<Value> replacements = {output};
    if (association)
      replacements.push_back(association);
    if (op.getSteps()) {
      if (steps.getType() != op.getSteps().getType())
        steps = tensor::CastOp::create(rewriter, op.getLoc(),
                                       op.getSteps().getType(), steps);
      replacements.push_back(steps);
    }
    rewriter.replaceOp(op, replacements);
    return success();
  }

  bool unroll;
};

} // namespace

Value mlir::hopfield::stepBudgets(OpBuilder &b, Location loc, AssociateOp op,
                                  OpFoldResult heads) {
  ArrayRef<int64_t> values = op.getMaxSteps();
  Type i64 = b.getI64Type();
  if (values.size() == 1)
    return filledTensor(b, loc, {heads}, i64, b.getI64IntegerAttr(values[0]));
  auto type = RankedTensorType::get({(int64_t)values.size()}, i64);
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(type, values));
}

Value mlir::hopfield::stopThresholds(OpBuilder &b, Location loc,
                                     AssociateOp op, OpFoldResult heads,
                                     Type element, bool squared) {
  SmallVector<double> held(op.getEps());
  if (squared)
    for (double &v : held)
      v *= v;
  if (held.size() == 1)
    return filledTensor(b, loc, {heads}, element,
                        b.getFloatAttr(element, held[0]));
  auto type = RankedTensorType::get({(int64_t)held.size()}, element);
  SmallVector<Attribute> attrs;
  for (double v : held)
    attrs.push_back(b.getFloatAttr(element, v));
  return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, attrs));
}

Value mlir::hopfield::stateScales(OpBuilder &b, Location loc, AssociateOp op,
                                  OpFoldResult heads, Type element) {
  double beta = op.getBeta().convertToDouble();
  Value betas =
      filledTensor(b, loc, {heads}, element, b.getFloatAttr(element, beta));
  if (!op.getHeadBeta())
    return betas;
  AffineMap id = b.getMultiDimIdentityMap(1);
  return buildGeneric(b, loc, {op.getHeadBeta()}, betas, {id, id},
                      {utils::IteratorType::parallel},
                      [&](OpBuilder &nb, Location nl, ValueRange args) {
                        Value headBeta = args[0];
                        if (headBeta.getType() != element)
                          headBeta =
                              arith::ExtFOp::create(nb, nl, element, args[0]);
                        return arith::MulFOp::create(nb, nl, args[1], headBeta);
                      });
}

int64_t mlir::hopfield::largestBudget(AssociateOp op) {
  return *llvm::max_element(op.getMaxSteps());
}

bool mlir::hopfield::hasBoundedBudget(AssociateOp op) {
  return llvm::all_of(op.getMaxSteps(), [](int64_t s) { return s >= 0; });
}

void mlir::hopfield::populateExpandUpdatesPatterns(RewritePatternSet &patterns,
                                                   bool unroll) {
  patterns.add<ExpandUpdateLoop>(patterns.getContext(), unroll);
}
