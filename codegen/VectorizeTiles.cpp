//===- VectorizeTiles.cpp - the hopfield-vectorize pass -------------------===//
//
// Register tiling and vectorization of one association tile's linalg ops
// through upstream machinery: scf::tileUsingSCF for the loops,
// linalg::vectorize for the vector form, and loop-invariant subset hoisting
// so that contraction accumulators live in registers across the reduction
// loop.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDVECTORIZEPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

/// Register tile sizes for `op` (0 = untiled).
SmallVector<int64_t> registerTile(linalg::LinalgOp op, int64_t rows,
                                  int64_t cols) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> sizes(iterators.size(), 0);
  SmallVector<unsigned> parallelDims;
  for (auto [i, kind] : llvm::enumerate(iterators))
    if (kind == utils::IteratorType::parallel)
      parallelDims.push_back(i);

  if (isa<linalg::TransposeOp>(op.getOperation())) {
    for (unsigned d : parallelDims)
      sizes[d] = cols / 2;
    return sizes;
  }
  if (linalg::isaContractionOpInterface(op) && parallelDims.size() >= 2) {
    // Outer products: reductions one step at a time, an accumulator of
    // rows x cols over the two innermost parallel dimensions.
    for (auto [i, kind] : llvm::enumerate(iterators))
      sizes[i] = 1;
    sizes[parallelDims.back()] = cols;
    sizes[parallelDims[parallelDims.size() - 2]] = rows;
    return sizes;
  }
  // Row by row: every dimension but the innermost one is split, reductions
  // included (the change of the association reduces over rows and keys), so
  // that no vector is larger than one row of a tile.
  for (unsigned d = 0; d + 1 < iterators.size(); ++d)
    sizes[d] = 1;
  return sizes;
}

/// Drops tile sizes that cover a whole dimension, so that no loop of one
/// iteration is created.
void dropWholeDims(linalg::LinalgOp op, SmallVectorImpl<int64_t> &sizes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (auto [size, range] : llvm::zip(sizes, ranges))
    if (size >= range)
      size = 0;
}

/// Vector loads and stores of i1 are bit-packed in LLVM while scalar ones
/// (and the artifact ABI) use one byte per element, so ops touching i1
/// tensors stay scalar.
bool touchesBooleans(linalg::LinalgOp op) {
  return llvm::any_of(op->getOperandTypes(), [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    return shaped && shaped.getElementType().isInteger(1);
  });
}

struct HopfieldVectorizePass
    : mlir::hopfield::impl::HopfieldVectorizePassBase<HopfieldVectorizePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> targets;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !op.hasDynamicShape() &&
          !touchesBooleans(op))
        targets.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : targets) {
      SmallVector<int64_t> sizes = registerTile(op, rows, cols);
      dropWholeDims(op, sizes);
      Operation *tiled = op;
      if (llvm::any_of(sizes, [](int64_t s) { return s != 0; })) {
        scf::SCFTilingOptions options;
        options.setTileSizes(
            getAsIndexOpFoldResult(&getContext(), ArrayRef<int64_t>(sizes)));
        rewriter.setInsertionPoint(op);
        FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
            rewriter, cast<TilingInterface>(op.getOperation()), options);
        if (failed(result))
          continue;
        rewriter.replaceOp(op, result->replacements);
        tiled = result->tiledOps.front();
      }
      auto tiledOp = cast<linalg::LinalgOp>(tiled);
      if (tiledOp.hasDynamicShape())
        continue;
      rewriter.setInsertionPoint(tiled);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, tiled);
      if (succeeded(vectorized))
        rewriter.replaceOp(tiled, vectorized->replacements);
    }
    // mulf + multi_reduction -> vector.contract, with the broadcasts of the
    // permuted reads folded into its indexing maps (a plain rows x 1 times
    // 1 x cols outer product, FMAs when lowered).
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();

    // Accumulators stay in registers across the reduction loops: hoisting
    // the slice of an iter_arg exposes the vector transfer on it, so repeat.
    SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      LoopLikeOpInterface current = loop;
      for (int round = 0; round < 3; ++round)
        current = hoistLoopInvariantSubsets(rewriter, current);
    }
  }
};

} // namespace
