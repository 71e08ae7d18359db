//===- HopfieldTile.cpp - the hopfield-tile pass --------------------------===//

#include "dialect/HopfieldOps.h"
#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDTILEPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldTilePass : impl::HopfieldTilePassBase<HopfieldTilePass> {
  using Base::Base;
  void runOnOperation() override {
    if (tileSizes.empty() || tileSizes.size() > 4) {
      getOperation()->emitError()
          << "hopfield-tile: 'tile-sizes' takes 1 to 4 values (batch, "
             "heads, queries, keys), got "
          << tileSizes.size();
      return signalPassFailure();
    }
    SmallVector<TilingInterface> targets;
    getOperation()->walk([&](Operation *op) {
      if (isa<AssociateOp, OnlineAssociateOp, AssociationChangeOp>(op))
        targets.push_back(cast<TilingInterface>(op));
    });
    IRRewriter rewriter(&getContext());
    for (TilingInterface op : targets) {
      SmallVector<int64_t> sizes = tileSizesFor(op, tileSizes);
      if (llvm::all_of(sizes, [](int64_t s) { return s == 0; }))
        continue;
      if (failed(tileWithLoops(rewriter, op, sizes, parallelLoops)))
        return signalPassFailure();
    }
  }
};
} // namespace
} // namespace mlir::hopfield
