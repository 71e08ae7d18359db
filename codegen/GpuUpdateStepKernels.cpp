//===- GpuUpdateStepKernels.cpp - update steps on the tensor cores --------===//
//
// An unrolled update step is an online pass of the state over the keys
// (values = keys) and the association change against the previous state:
//
//   %acc, %max, %sum = hopfield.online_associate %next, %k, %k ... outs(0,
//       -inf, 0)  ->  flash kernel(next, k, k) writing acc / sum, lse, 1
//   %c = hopfield.association_change %next, %cur, %k lse(%l1, %l0) outs(%i)
//       ->  change kernel(next, cur, k, l1, l0) writing [B,H,L] row sums,
//           %c = %i + sum over l (a linalg.generic)
//
// The kernels' result for an online pass is an equivalent online form: a
// partial softmax state (acc, m, s) stands for the weights exp(x - m) / s,
// and (acc / s, m + log s, 1) for the same ones.
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuUpdateStepKernels.h"
#include "codegen/FlashKernel.h"
#include "passes/LinalgBuilders.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Whether `init` is a linalg.fill of the constant `value`.
bool filledWith(Value init, double value) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  FloatAttr constant;
  return fill && matchPattern(fill.getInputs()[0], m_Constant(&constant)) &&
         constant.getValueAsDouble() == value;
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

// kMaxTensorCoreSteps: on the H100, budgets 3 and 4 gave errors of
// 1.3e-3..4.2e-3, a reference case with budget 10 1.1e-2 (over the 1e-2
// bound of bf16).

/// Why a loop with this budget stays on the f32 kernels, or "".
std::string budgetTooLarge(int64_t budget) {
  if (budget <= kMaxTensorCoreSteps)
    return "";
  return "an update budget of " + std::to_string(budget) + " steps (over " +
         std::to_string(kMaxTensorCoreSteps) +
         ": each step rounds the state, the error grows with the steps)";
}

/// The same for an unrolled step (its loop's budget, kUpdateBudgetAttr).
std::string budgetTooLarge(Operation *step) {
  auto budget = step->getAttrOfType<IntegerAttr>(kUpdateBudgetAttr);
  return budget ? budgetTooLarge(budget.getInt()) : "";
}

bool allF32(ValueRange values) {
  return llvm::all_of(values, [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementType().isF32();
  });
}

} // namespace

std::string mlir::hopfield::whyNotOnTensorCores(OnlineAssociateOp op) {
  if (std::string why = budgetTooLarge(op); !why.empty())
    return why;
  if (op.getMask() || op.getBias())
    return "a mask or bias operand";
  if (op.getQueryOffset())
    return "query / key offsets";
  if (!allF32({op.getQuery(), op.getKey(), op.getValue(), op.getAcc()}))
    return "element type other than f32";
  const double inf = std::numeric_limits<double>::infinity();
  if (!filledWith(op.getAccInit(), 0) || !filledWith(op.getMaxInit(), -inf) ||
      !filledWith(op.getSumInit(), 0))
    return "a partial result to continue";
  std::string why;
  if (failed(checkFlashKernelShapes(shapeOf(op.getQuery()),
                                    shapeOf(op.getKey()),
                                    shapeOf(op.getValue()), why)))
    return why;
  return "";
}

std::string mlir::hopfield::whyNotOnTensorCores(AssociationChangeOp op) {
  if (std::string why = budgetTooLarge(op); !why.empty())
    return why;
  if (op.getMask() || op.getBias())
    return "a mask or bias operand";
  if (op.getQueryOffset())
    return "query / key offsets";
  if (!allF32({op.getQueryA(), op.getQueryB(), op.getKey(), op.getLseA(),
               op.getLseB(), op.getInit()}))
    return "element type other than f32";
  std::string why;
  if (failed(checkFlashKernelShapes(shapeOf(op.getQueryA()),
                                    shapeOf(op.getKey()), shapeOf(op.getKey()),
                                    why)))
    return why;
  if (!changeKernelFits(shapeOf(op.getKey())[3]))
    return "head width too large for the change kernel's shared memory";
  return "";
}

void mlir::hopfield::replaceWithKernel(OnlineAssociateOp op,
                                       gpu::GPUModuleOp kernels,
                                       RoundedBuffers &rounded) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  FlashKernelProblem problem;
  problem.query = rounded.get(op.getQuery());
  problem.key = rounded.get(op.getKey());
  problem.value = rounded.get(op.getValue());
  if (op.getHeadBeta())
    problem.headBeta = copiedBuffer(b, loc, op.getHeadBeta());
  problem.output = resultBuffer(b, loc, op.getAcc().getType());
  problem.rowLse = resultBuffer(b, loc, op.getMax().getType());
  problem.rowSum = resultBuffer(b, loc, op.getSum().getType());
  problem.beta = op.getBeta().convertToDouble();
  problem.causal = op.getCausal();
  problem.operandType =
      cast<MemRefType>(problem.query.getType()).getElementType();
  buildFlashKernel(b, loc, kernels, problem);
  op.getAcc().replaceAllUsesWith(resultTensor(b, loc, problem.output));
  op.getMax().replaceAllUsesWith(resultTensor(b, loc, problem.rowLse));
  op.getSum().replaceAllUsesWith(resultTensor(b, loc, problem.rowSum));
  op.erase();
}

void mlir::hopfield::replaceWithKernel(AssociationChangeOp op,
                                       gpu::GPUModuleOp kernels,
                                       RoundedBuffers &rounded) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  ChangeKernelProblem problem;
  problem.queryA = rounded.get(op.getQueryA());
  problem.queryB = rounded.get(op.getQueryB());
  problem.key = rounded.get(op.getKey());
  problem.lseA = copiedBuffer(b, loc, op.getLseA());
  problem.lseB = copiedBuffer(b, loc, op.getLseB());
  problem.rowChange = resultBuffer(b, loc, op.getLseA().getType());
  problem.causal = op.getCausal();
  problem.operandType =
      cast<MemRefType>(problem.queryA.getType()).getElementType();
  buildChangeKernel(b, loc, kernels, problem);

  // change[b, h] = init[b, h] + sum_l rows[b, h, l], in order (the same
  // result every run).
  Value rows = resultTensor(b, loc, problem.rowChange);
  MLIRContext *ctx = b.getContext();
  AffineMap all = AffineMap::getMultiDimIdentityMap(3, ctx);
  AffineMap perHead = AffineMap::get(
      3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
  Value change =
      linalg::GenericOp::create(
          b, loc, op.getInit().getType(), ValueRange{rows},
          ValueRange{op.getInit()}, ArrayRef<AffineMap>{all, perHead},
          ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                        utils::IteratorType::parallel,
                                        utils::IteratorType::reduction},
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            Value sum =
                arith::AddFOp::create(nested, nestedLoc, args[1], args[0]);
            linalg::YieldOp::create(nested, nestedLoc, sum);
          })
          .getResult(0);
  op.getChange().replaceAllUsesWith(change);
  op.erase();
}

std::string mlir::hopfield::whyNotAttentionKernel(AssociateOp op) {
  if (op.getMask() || op.getBias())
    return "a mask or bias operand";
  if (op.getQueryOffset())
    return "a query offset";
  if (op.getAssociation())
    return "the association matrix is a result";
  if (!allF32({op.getQuery(), op.getKey(), op.getValue()}))
    return "element type other than f32";
  std::string why;
  if (failed(checkFlashKernelShapes(shapeOf(op.getQuery()),
                                    shapeOf(op.getKey()),
                                    shapeOf(op.getValue()), why)))
    return why;
  return "";
}

std::string mlir::hopfield::whyNotRetrievalKernel(AssociateOp op) {
  if (!hasBoundedBudget(op))
    return "an unbounded update budget";
  if (std::string why = budgetTooLarge(largestBudget(op)); !why.empty())
    return why;
  if (op.getCriterion() != ConvergenceCriterion::association)
    return "the state criterion";
  if (std::string why = whyNotAttentionKernel(op); !why.empty())
    return why;
  ArrayRef<int64_t> query = shapeOf(op.getQuery());
  // The state passes' values are the keys: one kernel geometry for them and
  // the pass over the values needs the same widths.
  if (shapeOf(op.getValue())[3] != query[3])
    return "a value width other than the head width";
  FlashKernelShape shape(query[3], query[3]);
  if (query[0] != 1 || query[2] > shape.blockRows)
    return "more queries per head than one block holds (batch " +
           std::to_string(query[0]) + ", " + std::to_string(query[2]) +
           " queries; the loop's steps run as kernels of their own)";
  // Within what an sm_80 block may use (163 KiB).
  if (shape.retrievalSharedBytes() > 160 * 1024)
    return "more shared memory than a block of sm_80 has";
  return "";
}

void mlir::hopfield::replaceWithRetrievalKernel(AssociateOp op,
                                                gpu::GPUModuleOp kernels,
                                                RoundedBuffers &rounded) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> query = shapeOf(op.getQuery());
  int64_t heads = query[1];
  Type operandType = rounded.operands();
  Type f32 = b.getF32Type(), i64 = b.getI64Type();
  OpFoldResult headCount = b.getIndexAttr(heads);
  RetrievalKernelProblem problem;
  problem.query = roundedBuffer(
      b, loc,
      scaleQuery(b, loc, op.getQuery(), op.getBeta().convertToDouble(),
                 op.getHeadBeta()),
      operandType);
  problem.key = rounded.get(op.getKey());
  problem.value = rounded.get(op.getValue());
  problem.states = memref::AllocOp::create(
      b, loc, MemRefType::get({3, heads, query[2], query[3]}, operandType));
  problem.lse = memref::AllocOp::create(
      b, loc, MemRefType::get({3, heads, query[2]}, f32));
  problem.betas =
      copiedBuffer(b, loc, stateScales(b, loc, op, headCount, f32));
  problem.budget = copiedBuffer(b, loc, stepBudgets(b, loc, op, headCount));
  problem.threshold = copiedBuffer(
      b, loc, stopThresholds(b, loc, op, headCount, f32, /*squared=*/true));
  problem.output = resultBuffer(b, loc, op.getOutput().getType());
  problem.steps = memref::AllocOp::create(
      b, loc, MemRefType::get({heads}, i64));
  problem.causal = op.getCausal();
  problem.operandType = operandType;
  buildRetrievalKernel(b, loc, kernels, problem);

  op.getOutput().replaceAllUsesWith(resultTensor(b, loc, problem.output));
  if (Value steps = op.getSteps()) {
    Value counted = resultTensor(b, loc, problem.steps);
    if (counted.getType() != steps.getType())
      counted = tensor::CastOp::create(b, loc, steps.getType(), counted);
    steps.replaceAllUsesWith(counted);
  }
  op.erase();
}
