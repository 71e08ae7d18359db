//===- HopfieldFoldScale.cpp - the hopfield-fold-scale pass ------------===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDFOLDSCALEPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldFoldScalePass : impl::HopfieldFoldScalePassBase<HopfieldFoldScalePass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldScalePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace mlir::hopfield
