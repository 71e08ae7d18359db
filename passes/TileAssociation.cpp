//===- TileAssociation.cpp - tiling the association ops -------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/Transforms.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"

using namespace mlir;
using namespace mlir::hopfield;

SmallVector<int64_t>
mlir::hopfield::tileSizesFor(Operation *op,
                             ArrayRef<int64_t> attentionTileSizes) {
  SmallVector<int64_t> sizes(attentionTileSizes);
  sizes.resize(4, 0);
  if (isa<OnlineAssociateOp>(op))
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

LogicalResult mlir::hopfield::tileWithLoops(RewriterBase &rewriter,
                                            TilingInterface op,
                                            ArrayRef<int64_t> tileSizes) {
  SmallVector<OpFoldResult> sizes =
      getAsIndexOpFoldResult(rewriter.getContext(), tileSizes);
  scf::SCFTilingOptions options;
  options.setTileSizes(sizes);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, op, options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return success();
}
