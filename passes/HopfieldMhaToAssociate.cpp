//===- HopfieldMhaToAssociate.cpp - the hopfield-mha-to-associate pass ----===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDMHATOASSOCIATEPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldMhaToAssociatePass
    : impl::HopfieldMhaToAssociatePassBase<HopfieldMhaToAssociatePass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMhaToAssociatePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
} // namespace mlir::hopfield
