//===- TileAssociation.cpp - tiling the association ops -------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"

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
static FailureOr<TilingInterface> tileOnce(RewriterBase &rewriter,
                                           TilingInterface op,
                                           ArrayRef<int64_t> tileSizes,
                                           scf::SCFTilingOptions::LoopType kind,
                                           bool peel) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), tileSizes));
  options.setLoopType(kind);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, op, options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  auto tiledOp = cast<TilingInterface>(tiled->tiledOps.front());
  if (peel) {
    for (LoopLikeOpInterface loop : tiled->loops) {
      auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
      scf::ForOp remainder;
      if (forOp)
        (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, remainder);
    }
  }
  return tiledOp;
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
    FailureOr<TilingInterface> tiled =
        tileOnce(rewriter, op, parallelSizes,
                 scf::SCFTilingOptions::LoopType::ForallOp, /*peel=*/false);
    if (failed(tiled))
      return failure();
    op = *tiled;
  }
  if (llvm::all_of(reductionSizes, isZero))
    return success();
  return tileOnce(rewriter, op, reductionSizes,
                  scf::SCFTilingOptions::LoopType::ForOp, /*peel=*/true);
}
