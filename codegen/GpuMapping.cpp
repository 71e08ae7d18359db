//===- GpuMapping.cpp - the hopfield-map-to-gpu pass ----------------------===//
//
// One thread per point of each parallel loop nest: an outermost
// scf.parallel (b, h, i, j) becomes, with upstream SCF utilities,
//
//   scf.parallel (%p) = (0) to (B*H*I*J)                  (collapsed)
//   scf.parallel (%t) = (0) to (B*H*I*J) step (256)       {block_x}
//     scf.parallel (%k) = (0) to (256)                    {thread_x}
//       scf.if (%t + %k < B*H*I*J) { ... }
//
// and convert-parallel-loops-to-gpu turns the mapped nest into a launch.
// Loops nested inside run sequentially in their thread.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

#include <numeric>

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDMAPTOGPUPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

gpu::ParallelLoopDimMappingAttr mapping(MLIRContext *ctx,
                                        gpu::Processor processor) {
  AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
  return gpu::ParallelLoopDimMappingAttr::get(ctx, processor, id, id);
}

LogicalResult mapSequential(scf::ParallelOp loop) {
  SmallVector<gpu::ParallelLoopDimMappingAttr> dims(
      loop.getNumLoops(),
      mapping(loop.getContext(), gpu::Processor::Sequential));
  return gpu::setMappingAttr(loop, dims);
}

struct HopfieldMapToGpuPass
    : mlir::hopfield::impl::HopfieldMapToGpuPassBase<HopfieldMapToGpuPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation()->walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        outermost.push_back(loop);
    });
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);
    for (scf::ParallelOp loop : outermost) {
      // Nested loops (inside a thread) first, while they are easy to find.
      bool failedNested = false;
      loop.getBody()->walk([&](scf::ParallelOp nested) {
        failedNested |= failed(mapSequential(nested));
      });
      if (failedNested)
        return signalPassFailure();
      std::vector<unsigned> all(loop.getNumLoops());
      std::iota(all.begin(), all.end(), 0);
      if (loop.getNumResults() != 0) {
        loop.emitError("hopfield-map-to-gpu: a parallel loop with "
                       "reductions cannot be mapped");
        return signalPassFailure();
      }
      // The collapsed loop replaces `loop` (erased), just before `next`.
      Operation *next = loop->getNextNode();
      rewriter.setInsertionPoint(loop);
      collapseParallelLoops(rewriter, loop, {all});
      auto collapsed = cast<scf::ParallelOp>(next->getPrevNode());
      // Constant inner bounds (the block size), the tail guarded by an
      // scf.if: convert-parallel-loops-to-gpu needs constant thread counts.
      auto [blocks, threads] =
          scf::tileParallelLoop(collapsed, {blockSize}, /*noMinMaxBounds=*/true);
      if (failed(gpu::setMappingAttr(
              blocks, {mapping(ctx, gpu::Processor::BlockX)})) ||
          failed(gpu::setMappingAttr(
              threads, {mapping(ctx, gpu::Processor::ThreadX)})))
        return signalPassFailure();
    }
  }
};

} // namespace
