//===- HopfieldFoldNormAffine.cpp - the hopfield-fold-norm-affine pass ----===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDFOLDNORMAFFINEPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldFoldNormAffinePass
    : impl::HopfieldFoldNormAffinePassBase<HopfieldFoldNormAffinePass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldNormAffinePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace mlir::hopfield
