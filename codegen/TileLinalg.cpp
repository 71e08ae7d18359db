//===- TileLinalg.cpp - the hopfield-tile-linalg pass ---------------------===//
//
// The layers around the association (projections, layer norms, head
// split/merge, the association matrix) are plain linalg ops that
// hopfield-tile never sees: untiled, they run on one core and the vectorizer
// makes one register-tiled loop nest of the whole matrix. This pass splits
// every large one into an scf.forall of cache-sized tiles (upstream
// TilingInterface, scf::tileConsumerAndFuseProducersUsingSCF), which the CPU
// pipeline maps onto threads and hopfield-vectorize turns into register
// tiles:
//
//   contractions (linalg.matmul, contraction generics): rows x cols output
//     tiles over the two innermost parallel dimensions (1 for outer ones);
//     the reduction stays whole, or is split into an scf.for of
//     `reduction`-sized steps so that the B panel stays in L2;
//   other ops: `rows` rows over the parallel dimensions but the innermost
//     loop, the vector dimension, which stays whole up to `cols` columns
//     (a row of the association matrix can be long).
//
// The accumulator initialisation (the broadcast bias of a projection, the
// fill of a reduction) is fused into the tiles. Producers of the inputs
// (a layer norm feeding Q, K and V) are tiled on their own rather than
// fused: they have several consumers, and fusing would recompute them per
// consumer tile. A ragged tile (a run-time row count, or sizes the tile does
// not divide) is padded to the full tile so that it vectorizes like the
// others; its padding rows are computed and dropped.
//
// Only ops outside loops are tiled: those inside are already per tile (the
// association kernels) or per update step.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"
#include "passes/LinalgBuilders.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDTILELINALGPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;
using utils::IteratorType;

namespace {

/// Size assumed for a run-time loop range when estimating work.
constexpr int64_t kAssumedDynamicRange = 1024;

bool isContraction(linalg::LinalgOp op) {
  return linalg::isaContractionOpInterface(op) && op.getNumParallelLoops() >= 2;
}

/// Parallel tile sizes of `op` (0 = untiled).
SmallVector<int64_t> parallelTileSizes(linalg::LinalgOp op, int64_t rows,
                                       int64_t cols) {
  SmallVector<IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> sizes(iterators.size(), 0);
  SmallVector<unsigned> parallelDims;
  for (auto [i, kind] : llvm::enumerate(iterators))
    if (kind == IteratorType::parallel)
      parallelDims.push_back(i);
  if (isContraction(op)) {
    for (unsigned d : ArrayRef(parallelDims).drop_back(2))
      sizes[d] = 1;
    sizes[parallelDims[parallelDims.size() - 2]] = rows;
    sizes[parallelDims.back()] = cols;
    return sizes;
  }
  // The innermost loop is the vector dimension: whole up to `cols` (the
  // vectorizer works row by row), in `cols` columns beyond.
  if (!parallelDims.empty() && parallelDims.back() + 1 == iterators.size()) {
    int64_t range = op.getStaticLoopRanges()[parallelDims.back()];
    if (ShapedType::isDynamic(range) || range > cols)
      sizes[parallelDims.back()] = cols;
    parallelDims.pop_back();
  }
  if (parallelDims.empty())
    return sizes;
  for (unsigned d : ArrayRef(parallelDims).drop_back())
    sizes[d] = 1;
  sizes[parallelDims.back()] = rows;
  return sizes;
}

/// Drops sizes covering a whole static dimension (no loop of one trip).
void dropWholeDims(linalg::LinalgOp op, SmallVectorImpl<int64_t> &sizes) {
  for (auto [size, range] : llvm::zip(sizes, op.getStaticLoopRanges()))
    if (!ShapedType::isDynamic(range) && size >= range)
      size = 0;
}

int64_t estimatedWork(linalg::LinalgOp op) {
  int64_t work = 1;
  for (int64_t range : op.getStaticLoopRanges())
    work *= ShapedType::isDynamic(range) ? kAssumedDynamicRange : range;
  return work;
}

bool isInsideLoop(Operation *op, Operation *root) {
  for (Operation *parent = op->getParentOp(); parent && parent != root;
       parent = parent->getParentOp())
    if (isa<LoopLikeOpInterface>(parent))
      return true;
  return false;
}

/// The input of `broadcast` padded with zeros where the broadcast's result
/// is rebuilt at the static `paddedShape` (a ragged bias row of a tile).
Value padBroadcastInput(RewriterBase &rewriter, Location loc,
                        linalg::BroadcastOp broadcast,
                        ArrayRef<int64_t> paddedShape) {
  Value input = broadcast.getInput();
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<Value> dynamicSizes;
  // Input dimension j is the j-th result dimension not in `dimensions`.
  unsigned j = 0;
  for (int64_t d = 0, e = paddedShape.size(); d < e && j < shape.size();
       ++d) {
    if (llvm::is_contained(broadcast.getDimensions(), d))
      continue;
    if (type.isDynamicDim(j)) {
      if (ShapedType::isDynamic(paddedShape[d]))
        dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, input, j));
      else
        shape[j] = paddedShape[d];
    }
    ++j;
  }
  if (ArrayRef<int64_t>(shape) == type.getShape())
    return input;
  Value zero = arith::ConstantOp::create(
      rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
  return tensor::createPadHighOp(type.clone(shape), input, zero,
                                 /*nofold=*/false, loc, rewriter,
                                 dynamicSizes);
}

/// Pads the loop dimensions of a tiled op that `sizes` tiles and that are
/// dynamic (a ragged tile) to their tile size with zeros, and slices the
/// real part out of the results; returns the op to keep working on. Only
/// operand dimensions indexed by such a loop dimension alone are padded.
linalg::LinalgOp padRaggedTile(RewriterBase &rewriter, linalg::LinalgOp op,
                               ArrayRef<int64_t> sizes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto isRagged = [&](unsigned d) {
    return sizes[d] != 0 && ShapedType::isDynamic(ranges[d]);
  };
  if (llvm::none_of(llvm::seq<unsigned>(0, ranges.size()), isRagged))
    return op;
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<Value> operands;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.get().getType());
    if (!type) {
      operands.push_back(operand.get());
      continue;
    }
    SmallVector<int64_t> shape(type.getShape());
    SmallVector<Value> dynamicSizes;
    bool padded = false;
    for (auto [i, expr] :
         llvm::enumerate(op.getMatchingIndexingMap(&operand).getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (dim && isRagged(dim.getPosition()) && type.isDynamicDim(i)) {
        shape[i] = sizes[dim.getPosition()];
        padded = true;
      } else if (type.isDynamicDim(i)) {
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, operand.get(), i));
      }
    }
    if (!padded) {
      operands.push_back(operand.get());
      continue;
    }
    // A fused accumulator initialisation is rebuilt at the padded shape
    // rather than padded: it stays static, so it vectorizes too.
    Operation *producer = operand.get().getDefiningOp();
    if (op.isDpsInit(&operand) &&
        isa_and_nonnull<linalg::FillOp, linalg::BroadcastOp>(producer) &&
        producer->hasOneUse()) {
      auto init = cast<DestinationStyleOpInterface>(producer);
      Value empty = tensor::EmptyOp::create(rewriter, loc, type.clone(shape),
                                            dynamicSizes);
      SmallVector<Value> producerOperands(init.getDpsInputs());
      if (auto broadcast = dyn_cast<linalg::BroadcastOp>(producer))
        producerOperands[0] =
            padBroadcastInput(rewriter, loc, broadcast, shape);
      producerOperands.push_back(empty);
      operands.push_back(
          clone(rewriter, producer, empty.getType(), producerOperands)
              ->getResult(0));
      continue;
    }
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
    operands.push_back(tensor::createPadHighOp(type.clone(shape), operand.get(),
                                               zero, /*nofold=*/false, loc,
                                               rewriter, dynamicSizes));
  }
  SmallVector<Type> resultTypes;
  for (Value init : ValueRange(operands).take_back(op.getNumDpsInits()))
    resultTypes.push_back(init.getType());
  auto padded = clone(rewriter, op, resultTypes, operands);
  rewriter.replaceOp(op, hopfield::sliceToShapesOf(rewriter, loc,
                                                   padded->getResults(),
                                                   op.getDpsInits()));
  return padded;
}

/// Splits the reduction of a tiled contraction into `step`-sized scf.for
/// iterations when it is longer (static ranges only).
void tileReduction(RewriterBase &rewriter, linalg::LinalgOp op, int64_t step) {
  SmallVector<int64_t> sizes(op.getNumLoops(), 0);
  bool any = false;
  for (auto [d, kind, range] :
       llvm::zip(llvm::seq<unsigned>(0, op.getNumLoops()),
                 op.getIteratorTypesArray(), op.getStaticLoopRanges())) {
    if (kind == IteratorType::reduction && !ShapedType::isDynamic(range) &&
        range > step && range % step == 0) {
      sizes[d] = step;
      any = true;
    }
  }
  if (!any)
    return;
  scf::SCFTilingOptions options;
  options.setTileSizes(
      getAsIndexOpFoldResult(rewriter.getContext(), ArrayRef<int64_t>(sizes)));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
}

struct HopfieldTileLinalgPass
    : mlir::hopfield::impl::HopfieldTileLinalgPassBase<HopfieldTileLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    if (rows <= 0 || cols <= 0) {
      getOperation()->emitError()
          << "hopfield-tile-linalg: 'rows' and 'cols' must be positive";
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> targets;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && op->getNumResults() == 1 &&
          !isa<linalg::FillOp>(op.getOperation()) &&
          !isInsideLoop(op, getOperation()) && estimatedWork(op) >= minWork)
        targets.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    DenseSet<Operation *> fused;
    // Consumers first, so that their accumulator initialisation is still
    // whole when it is fused.
    for (linalg::LinalgOp op : llvm::reverse(targets)) {
      if (fused.contains(op)) {
        if (op->use_empty())
          rewriter.eraseOp(op);
        continue;
      }
      SmallVector<int64_t> sizes = parallelTileSizes(op, rows, cols);
      dropWholeDims(op, sizes);
      if (llvm::all_of(sizes, [](int64_t s) { return s == 0; }))
        continue;
      bool contraction = isContraction(op);
      // Accumulator initialisations used by this op alone.
      DenseSet<Operation *> initProducers;
      for (Value init : op.getDpsInits())
        if (Operation *producer = init.getDefiningOp();
            isa_and_nonnull<linalg::FillOp, linalg::BroadcastOp>(producer) &&
            llvm::all_of(producer->getUsers(),
                         [&](Operation *user) { return user == op; }))
          initProducers.insert(producer);

      scf::SCFTileAndFuseOptions options;
      options.tilingOptions.setTileSizes(
          getAsIndexOpFoldResult(&getContext(), ArrayRef<int64_t>(sizes)));
      options.tilingOptions.setLoopType(
          scf::SCFTilingOptions::LoopType::ForallOp);
      // Only the accumulator initialisation joins the tiles.
      options.setFusionControlFn(
          [&](tensor::ExtractSliceOp, OpResult producer, bool isDestination)
              -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
            if (isDestination && initProducers.contains(producer.getOwner()))
              return scf::SCFTileAndFuseOptions::ControlFnResult{};
            return std::nullopt;
          });
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTileAndFuseResult> tiled =
          scf::tileConsumerAndFuseProducersUsingSCF(
              rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled))
        continue;
      for (Operation *producer : tiled->fusedProducers)
        fused.insert(producer);
      rewriter.replaceOp(op, tiled->replacements.lookup(op->getResult(0)));
      auto tiledOp = cast<linalg::LinalgOp>(tiled->tiledAndFusedOps.front());
      tiledOp = padRaggedTile(rewriter, tiledOp, sizes);
      if (contraction && reduction > 0)
        tileReduction(rewriter, tiledOp, reduction);
    }
  }
};

} // namespace
