//===- HopfieldToOnline.cpp - the hopfield-to-online pass -----------------===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDTOONLINEPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldToOnlinePass
    : impl::HopfieldToOnlinePassBase<HopfieldToOnlinePass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateAssociateToOnlinePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace mlir::hopfield
