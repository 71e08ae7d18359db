//===- HopfieldLowerMha.cpp - the hopfield-lower-mha pass -----------------===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDLOWERMHAPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldLowerMhaPass
    : impl::HopfieldLowerMhaPassBase<HopfieldLowerMhaPass> {
  using Base::Base;
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    lowerMhaOps(rewriter, getOperation());
  }
};
} // namespace
} // namespace mlir::hopfield
