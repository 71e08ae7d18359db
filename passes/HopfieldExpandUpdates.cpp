//===- HopfieldExpandUpdates.cpp - the hopfield-expand-updates pass ----===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDEXPANDUPDATESPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldExpandUpdatesPass : impl::HopfieldExpandUpdatesPassBase<HopfieldExpandUpdatesPass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateExpandUpdatesPatterns(patterns, unroll);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace mlir::hopfield
