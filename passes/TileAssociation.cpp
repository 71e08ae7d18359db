//===- TileAssociation.cpp - tiling the association ops -------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/LinalgBuilders.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"

#include <limits>

using namespace mlir;
using namespace mlir::hopfield;

SmallVector<int64_t>
mlir::hopfield::tileSizesFor(Operation *op,
                             ArrayRef<int64_t> attentionTileSizes) {
  SmallVector<int64_t> sizes(attentionTileSizes);
  sizes.resize(4, 0);
  if (isa<OnlineAssociateOp, AssociationChangeOp>(op))
    return sizes;
  // associate: (b, h, l, e); e stays whole.
  sizes[3] = 0;
  auto associate = cast<AssociateOp>(op);
  if (associate.iterates())
    sizes[0] = sizes[2] = 0;
  if (associate.hasPerHeadStopRule())
    sizes[1] = 0;
  return sizes;
}

/// Tiles `op` with one loop kind and replaces it; returns the tiled op.
/// scf.for loops whose step does not divide their range are peeled, so
/// that every iteration but a separate last one works on full, statically
/// shaped tiles (which the vectorizer needs).
static FailureOr<TilingInterface>
tileOnce(RewriterBase &rewriter, TilingInterface op,
         ArrayRef<int64_t> tileSizes, scf::SCFTilingOptions::LoopType kind,
         bool peel, SmallVectorImpl<scf::ForOp> *remainders = nullptr,
         SmallVectorImpl<LoopLikeOpInterface> *loops = nullptr) {
  scf::SCFTilingOptions options;
  options.setTileSizes(
      getAsIndexOpFoldResult(rewriter.getContext(), tileSizes));
  options.setLoopType(kind);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, op, options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  auto tiledOp = cast<TilingInterface>(tiled->tiledOps.front());
  if (loops)
    loops->append(tiled->loops.begin(), tiled->loops.end());
  if (peel) {
    for (LoopLikeOpInterface loop : tiled->loops) {
      auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
      scf::ForOp remainder;
      if (forOp)
        if (succeeded(scf::peelForLoopAndSimplifyBounds(rewriter, forOp,
                                                        remainder)) &&
            remainders)
          remainders->push_back(remainder);
    }
  }
  return tiledOp;
}

/// The op computing `slice`'s source: its defining op, or for a slice of a
/// loop's region argument (the forall's shared outputs) the op computing
/// the loop's init.
static Operation *sliceProducer(tensor::ExtractSliceOp slice) {
  Value source = slice.getSource();
  if (auto arg = dyn_cast<BlockArgument>(source))
    if (auto loop =
            dyn_cast<LoopLikeOpInterface>(arg.getOwner()->getParentOp()))
      if (OpOperand *init = loop.getTiedLoopInit(arg))
        source = init->get();
  return source.getDefiningOp();
}

/// Ops cheap to recompute per tile: fills and element-wise maps, transposes
/// and broadcasts.
static bool isTileLocalProducer(Operation *op) {
  if (isa_and_nonnull<linalg::FillOp, linalg::TransposeOp, linalg::BroadcastOp>(
          op))
    return true;
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic && generic.getNumLoops() == generic.getNumParallelLoops();
}

/// Fuses into the query tile loop what the kernel reads per query tile: the
/// producers of the query (β scaling, the head transpose or replication)
/// and the fills of the accumulator, max and sum. Left outside, each is a
/// pass over a whole [B, H, L, *] tensor before the kernel starts. Keys and
/// values are read by every query tile and stay outside.
static void fuseQueryTileProducers(RewriterBase &rewriter, OnlineAssociateOp op,
                                   MutableArrayRef<LoopLikeOpInterface> loops) {
  SmallVector<tensor::ExtractSliceOp> worklist;
  for (Value operand :
       {op.getQuery(), op.getAccInit(), op.getMaxInit(), op.getSumInit()})
    if (auto slice = operand.getDefiningOp<tensor::ExtractSliceOp>())
      worklist.push_back(slice);
  while (!worklist.empty()) {
    tensor::ExtractSliceOp slice = worklist.pop_back_val();
    if (!isTileLocalProducer(sliceProducer(slice)))
      continue;
    std::optional<scf::SCFFuseProducerOfSliceResult> fused =
        scf::tileAndFuseProducerOfSlice(rewriter, slice, loops);
    if (!fused)
      continue;
    for (Operation *generated : fused->generatedSlices)
      if (auto next = dyn_cast<tensor::ExtractSliceOp>(generated))
        worklist.push_back(next);
  }
}

/// `source` padded at the high end of dimension `dim` to `size` with
/// `padValue`; the other dimensions keep their sizes.
static Value padDimension(RewriterBase &rewriter, Location loc, Value source,
                          int64_t dim, int64_t size, TypedAttr padValue) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[dim] = size;
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != dim && type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, source, d));
  Value padding = arith::ConstantOp::create(rewriter, loc, padValue);
  return tensor::createPadHighOp(type.clone(shape), source, padding,
                                 /*nofold=*/false, loc, rewriter, dynamicSizes);
}

/// A ragged query tile (rows < `rows` at the end of the queries, or a
/// run-time query count) would give every op of the kernel dynamic shapes,
/// which stay scalar. Pads the tile's query rows of `op` to `rows` (zero
/// queries, masked rows, identity accumulator) and slices the real rows back
/// out of the results; the extra rows cost a little work and are discarded.
static FailureOr<TilingInterface>
padQueryRows(RewriterBase &rewriter, OnlineAssociateOp op, int64_t rows) {
  auto queryType = cast<RankedTensorType>(op.getQuery().getType());
  if (!queryType.isDynamicDim(2))
    return cast<TilingInterface>(op.getOperation());
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto pad = [&](Value source, TypedAttr padValue) -> Value {
    // A mask or bias broadcast along queries needs no padding.
    if (!source || cast<RankedTensorType>(source.getType()).getDimSize(2) == 1)
      return source;
    return padDimension(rewriter, loc, source, 2, rows, padValue);
  };
  Type accType = cast<ShapedType>(op.getAccInit().getType()).getElementType();
  Type element = queryType.getElementType();
  auto zeroOf = [&](Type type) { return rewriter.getFloatAttr(type, 0.0); };
  Value query = pad(op.getQuery(), zeroOf(element));
  Value mask = pad(op.getMask(), rewriter.getBoolAttr(true));
  Value bias = pad(op.getBias(), zeroOf(element));
  Value acc = pad(op.getAccInit(), zeroOf(accType));
  Value max = pad(
      op.getMaxInit(),
      rewriter.getFloatAttr(accType, -std::numeric_limits<double>::infinity()));
  Value sum = pad(op.getSumInit(), zeroOf(accType));
  auto padded = OnlineAssociateOp::create(
      rewriter, loc, acc.getType(), max.getType(), sum.getType(), query,
      op.getKey(), op.getValue(), op.getHeadBeta(), mask, bias,
      op.getQueryOffset(), op.getKeyOffset(), acc, max, sum, op.getBetaAttr(),
      op.getCausalAttr());
  rewriter.replaceOp(op, sliceToShapesOf(rewriter, loc, padded->getResults(),
                                         op.getDpsInits()));
  return cast<TilingInterface>(padded.getOperation());
}

/// The last, partial key tile of a peeled key loop has dynamic shapes and
/// would stay scalar. Pads its keys and values to `keys` rows and hides the
/// padded keys from the softmax (a masked entry, or a -inf bias), so that it
/// runs the same vectorized kernel as the full tiles. Leaves `op` alone when
/// the padded keys cannot be hidden (a bias broadcast along keys and no
/// per-key mask).
static void padKeyTile(RewriterBase &rewriter, OnlineAssociateOp op,
                       int64_t keys) {
  auto keyType = cast<RankedTensorType>(op.getKey().getType());
  if (!keyType.isDynamicDim(2))
    return;
  auto perKey = [](Value v) {
    return v && cast<RankedTensorType>(v.getType()).getDimSize(3) != 1;
  };
  Value mask = op.getMask(), bias = op.getBias();
  if (!perKey(mask) && bias && !perKey(bias))
    return;
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto pad = [&](Value source, int64_t dim, TypedAttr padValue) {
    return padDimension(rewriter, loc, source, dim, keys, padValue);
  };
  Type element = keyType.getElementType();
  TypedAttr zero = rewriter.getFloatAttr(element, 0.0);
  TypedAttr minusInf =
      rewriter.getFloatAttr(element, -std::numeric_limits<double>::infinity());
  Value key = pad(op.getKey(), 2, zero);
  Value value = pad(op.getValue(), 2, zero);
  if (perKey(mask)) {
    mask = pad(mask, 3, rewriter.getBoolAttr(true));
    if (perKey(bias))
      bias = pad(bias, 3, zero);
  } else if (perKey(bias)) {
    bias = pad(bias, 3, minusInf);
  } else {
    // No per-key mask or bias: a [1,1,1,keys] bias of 0, -inf on padding.
    OpFoldResult actual = tensor::getMixedSize(rewriter, loc, op.getKey(), 2);
    OpFoldResult one = rewriter.getIndexAttr(1);
    Value zeros = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<OpFoldResult>{one, one, one, actual}, element);
    zeros = linalg::FillOp::create(
                rewriter, loc,
                ValueRange{arith::ConstantOp::create(rewriter, loc, zero)},
                ValueRange{zeros})
                .getResult(0);
    bias = pad(zeros, 3, minusInf);
  }
  auto padded = OnlineAssociateOp::create(
      rewriter, loc, op.getAccInit().getType(), op.getMaxInit().getType(),
      op.getSumInit().getType(), op.getQuery(), key, value, op.getHeadBeta(),
      mask, bias, op.getQueryOffset(), op.getKeyOffset(), op.getAccInit(),
      op.getMaxInit(), op.getSumInit(), op.getBetaAttr(), op.getCausalAttr());
  rewriter.replaceOp(op, padded->getResults());
}

LogicalResult mlir::hopfield::tileWithLoops(RewriterBase &rewriter,
                                            TilingInterface op,
                                            ArrayRef<int64_t> tileSizes,
                                            bool parallelLoops) {
  if (!parallelLoops)
    return tileOnce(rewriter, op, tileSizes,
                    scf::SCFTilingOptions::LoopType::ForOp, /*peel=*/false);
  // Parallel dimensions first, as one scf.forall; the reductions inside it.
  SmallVector<int64_t> parallelSizes(tileSizes), reductionSizes(tileSizes);
  for (auto [i, kind] : llvm::enumerate(op.getLoopIteratorTypes())) {
    if (i >= tileSizes.size())
      break;
    if (kind == utils::IteratorType::parallel)
      reductionSizes[i] = 0;
    else
      parallelSizes[i] = 0;
  }
  auto isZero = [](int64_t s) { return s == 0; };
  if (!llvm::all_of(parallelSizes, isZero)) {
    SmallVector<LoopLikeOpInterface> loops;
    FailureOr<TilingInterface> tiled = tileOnce(
        rewriter, op, parallelSizes, scf::SCFTilingOptions::LoopType::ForallOp,
        /*peel=*/false, /*remainders=*/nullptr, &loops);
    if (failed(tiled))
      return failure();
    op = *tiled;
    if (auto online = dyn_cast<OnlineAssociateOp>(op.getOperation()))
      fuseQueryTileProducers(rewriter, online, loops);
    if (auto online = dyn_cast<OnlineAssociateOp>(op.getOperation());
        online && parallelSizes.size() > 2 && parallelSizes[2] > 0) {
      FailureOr<TilingInterface> padded =
          padQueryRows(rewriter, online, parallelSizes[2]);
      if (failed(padded))
        return failure();
      op = *padded;
    }
  }
  if (llvm::all_of(reductionSizes, isZero))
    return success();
  SmallVector<scf::ForOp> remainders;
  if (failed(tileOnce(rewriter, op, reductionSizes,
                      scf::SCFTilingOptions::LoopType::ForOp, /*peel=*/true,
                      &remainders)))
    return failure();
  if (reductionSizes.size() > 3 && reductionSizes[3] > 0)
    for (scf::ForOp remainder : remainders)
      remainder.walk([&](OnlineAssociateOp online) {
        padKeyTile(rewriter, online, reductionSizes[3]);
      });
  return success();
}
