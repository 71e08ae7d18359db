//===- MergeProjections.cpp - one GEMM for projections of one input -------===//
//
// Self-association projects one input three times (Q, K, V), cross-
// association its memory twice (K, V): separate linalg.matmul ops that each
// stream the input once and give the tiles a narrow B panel. Projections of
// the same input with constant weights become one matmul over the
// concatenated weights (and biases), each original result an extract_slice
// of its columns:
//
//   x W1 + b1, x W2 + b2  ->  y = x [W1 W2] + [b1 b2];
//                             y[:, 0:n1], y[:, n1:n1+n2]
//
// Matched: a linalg.matmul with default maps whose right operand is a dense
// arith.constant [K, N] and whose accumulator is a
// linalg.broadcast of a dense constant bias [N] or a fill with 0 of a
// tensor.empty (a projection without bias), in the element type of the
// result.
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

struct Projection {
  linalg::MatmulOp op;
  DenseElementsAttr weight; // [K, N]
  DenseElementsAttr bias;   // [N]; null: zero accumulator
  int64_t columns;
};

/// `value` defined by a tensor.empty.
bool isEmpty(Value value) {
  return value.getDefiningOp<tensor::EmptyOp>() != nullptr;
}

std::optional<Projection> matchProjection(linalg::MatmulOp op) {
  if (!op.hasPureTensorSemantics() || op.hasUserDefinedMaps() ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return std::nullopt;
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Type element = resultType.getElementType();
  Value lhs = op.getDpsInputs()[0];
  if (cast<ShapedType>(lhs.getType()).getElementType() != element)
    return std::nullopt;

  DenseElementsAttr weight;
  if (!matchPattern(op.getDpsInputs()[1], m_Constant(&weight)) ||
      weight.getType().getRank() != 2 ||
      weight.getType().getElementType() != element)
    return std::nullopt;
  Projection projection{op, weight, {}, weight.getType().getDimSize(1)};

  // The accumulator is only read (tensor semantics), so one shared by
  // several projections (CSE merges equal bias broadcasts) is fine.
  Value init = op.getDpsInits()[0];
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>()) {
    if (!isEmpty(broadcast.getInit()) ||
        broadcast.getDimensions() != ArrayRef<int64_t>{0} ||
        !matchPattern(broadcast.getInput(), m_Constant(&projection.bias)) ||
        projection.bias.getType().getElementType() != element)
      return std::nullopt;
    return projection;
  }
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    if (isEmpty(fill.getOutputs()[0]) &&
        matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
      return projection;
  }
  return std::nullopt;
}

/// The weights side by side: [K, sum N].
DenseElementsAttr concatWeights(ArrayRef<Projection> group, int64_t total) {
  int64_t rows = group.front().weight.getType().getDimSize(0);
  SmallVector<APFloat> values;
  values.reserve(rows * total);
  SmallVector<SmallVector<APFloat>> parts;
  for (const Projection &p : group)
    parts.push_back(llvm::to_vector(p.weight.getValues<APFloat>()));
  for (int64_t k = 0; k < rows; ++k)
    for (auto [p, part] : llvm::zip(group, parts))
      values.append(part.begin() + k * p.columns,
                    part.begin() + (k + 1) * p.columns);
  auto type = RankedTensorType::get(
      {rows, total}, group.front().weight.getType().getElementType());
  return DenseElementsAttr::get(type, values);
}

/// The biases one after the other (zeros for a projection without one).
DenseElementsAttr concatBiases(ArrayRef<Projection> group, int64_t total) {
  auto element =
      cast<FloatType>(group.front().weight.getType().getElementType());
  SmallVector<APFloat> values;
  for (const Projection &p : group) {
    if (p.bias) {
      llvm::append_range(values, p.bias.getValues<APFloat>());
      continue;
    }
    values.append(p.columns, APFloat::getZero(element.getFloatSemantics()));
  }
  return DenseElementsAttr::get(RankedTensorType::get({total}, element),
                                values);
}

/// Erases the ops of `ops` left without uses, then their operands'
/// producers left without uses (the old weights, biases and empties).
void eraseIfDead(RewriterBase &rewriter, SmallVector<Operation *> ops) {
  DenseSet<Operation *> erased;
  while (!ops.empty()) {
    Operation *op = ops.pop_back_val();
    if (!op || erased.contains(op) || !op->use_empty() || !isPure(op))
      continue;
    erased.insert(op);
    for (Value operand : op->getOperands())
      ops.push_back(operand.getDefiningOp());
    rewriter.eraseOp(op);
  }
}

void mergeGroup(RewriterBase &rewriter, ArrayRef<Projection> group) {
  linalg::MatmulOp first = group.front().op;
  Location loc = first.getLoc();
  Value input = first.getDpsInputs()[0];
  Type element = group.front().weight.getType().getElementType();
  int64_t total = 0;
  for (const Projection &p : group)
    total += p.columns;

  rewriter.setInsertionPoint(first);
  Value weight =
      arith::ConstantOp::create(rewriter, loc, concatWeights(group, total));
  OpFoldResult rows = tensor::getMixedSize(rewriter, loc, input, 0);
  Value empty = tensor::EmptyOp::create(
      rewriter, loc, ArrayRef<OpFoldResult>{rows, rewriter.getIndexAttr(total)},
      element);
  Value init;
  if (llvm::any_of(group, [](const Projection &p) { return p.bias; })) {
    Value bias =
        arith::ConstantOp::create(rewriter, loc, concatBiases(group, total));
    init = linalg::BroadcastOp::create(rewriter, loc, bias, empty,
                                       ArrayRef<int64_t>{0})
               .getResult()
               .front();
  } else {
    Value zero = arith::ConstantOp::create(rewriter, loc,
                                           rewriter.getFloatAttr(element, 0));
    init = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
  }
  Value merged =
      linalg::MatmulOp::create(rewriter, loc, TypeRange{init.getType()},
                               ValueRange{input, weight}, ValueRange{init})
          .getResult(0);

  int64_t offset = 0;
  for (Projection p : group) {
    SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(0),
                                         rewriter.getIndexAttr(offset)};
    SmallVector<OpFoldResult> sizes = {rows, rewriter.getIndexAttr(p.columns)};
    SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
    Value part = tensor::ExtractSliceOp::create(
        rewriter, loc, cast<RankedTensorType>(p.op->getResult(0).getType()),
        merged, offsets, sizes, strides);
    SmallVector<Operation *> dead = {p.op.getDpsInits()[0].getDefiningOp(),
                                     p.op.getDpsInputs()[1].getDefiningOp()};
    rewriter.replaceOp(p.op, part);
    eraseIfDead(rewriter, dead);
    offset += p.columns;
  }
}

} // namespace

void mlir::hopfield::mergeProjections(RewriterBase &rewriter, Operation *root) {
  // Groups in program order: (block, input, element type) -> projections.
  llvm::MapVector<std::pair<Value, Block *>, SmallVector<Projection>> groups;
  root->walk([&](linalg::MatmulOp op) {
    if (std::optional<Projection> projection = matchProjection(op))
      groups[{op.getDpsInputs()[0], op->getBlock()}].push_back(*projection);
  });
  for (auto &[key, group] : groups) {
    if (group.size() < 2)
      continue;
    // The merged matmul goes before the first of them.
    llvm::sort(group, [](const Projection &a, const Projection &b) {
      return a.op->isBeforeInBlock(b.op);
    });
    mergeGroup(rewriter, group);
  }
}
