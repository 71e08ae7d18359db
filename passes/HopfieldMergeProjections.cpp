//===- HopfieldMergeProjections.cpp - the hopfield-merge-projections pass -===//

#include "passes/Passes.h"
#include "passes/Transforms.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDMERGEPROJECTIONSPASS
#include "passes/Passes.h.inc"

namespace {
struct HopfieldMergeProjectionsPass
    : impl::HopfieldMergeProjectionsPassBase<HopfieldMergeProjectionsPass> {
  using Base::Base;
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    mergeProjections(rewriter, getOperation());
  }
};
} // namespace
} // namespace mlir::hopfield
