//===- CopiesToLoops.cpp - the hopfield-copies-to-loops pass --------------===//

#include "codegen/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDCOPIESTOLOOPSPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;

namespace {

bool isContiguous(Value memref) {
  return cast<MemRefType>(memref.getType()).getLayout().isIdentity();
}

struct StridedCopyToLinalg : OpRewritePattern<memref::CopyOp> {
  StridedCopyToLinalg(MLIRContext *ctx, bool all)
      : OpRewritePattern(ctx), all(all) {}
  bool all;
  LogicalResult matchAndRewrite(memref::CopyOp op,
                                PatternRewriter &rewriter) const override {
    // A copy of a buffer onto itself (bufferization leaves one where a
    // result was computed in its destination already) is no copy.
    if (op.getSource() == op.getTarget()) {
      rewriter.eraseOp(op);
      return success();
    }
    if (!all && isContiguous(op.getSource()) && isContiguous(op.getTarget()))
      return rewriter.notifyMatchFailure(op, "becomes llvm.memcpy");
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, op.getSource(),
                                                op.getTarget());
    return success();
  }
};

struct HopfieldCopiesToLoopsPass
    : mlir::hopfield::impl::HopfieldCopiesToLoopsPassBase<
          HopfieldCopiesToLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<StridedCopyToLinalg>(&getContext(), all);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
