//===- HopfieldChooseMhaLowering.cpp - hopfield-choose-mha-lowering -------===//
//
// Annotates every hopfield.mha with the lowering hopfield-lower-mha applies:
// the forced one, or the cost model's choice (MhaCostModel.h), last layer
// first so that a layer knows whether the next one reads its hidden state
// as a tensor. Ops that already carry a lowering keep it under `auto`.
//
//===----------------------------------------------------------------------===//

#include "passes/MhaCostModel.h"
#include "passes/MhaEma.h"
#include "passes/Passes.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDCHOOSEMHALOWERINGPASS
#include "passes/Passes.h.inc"

namespace {

/// Whether something reads `op`'s hidden state as a tensor: any user but a
/// layer lowered as concat (which reads the chain's queries and keys).
bool hiddenStateNeeded(MhaOp op) {
  return llvm::any_of(op.getHidden().getUsers(), [](Operation *user) {
    auto next = dyn_cast<MhaOp>(user);
    return !next || next.getLowering() != MhaLowering::concat;
  });
}

/// The cost model's view of `op`; std::nullopt when the sequence lengths
/// are unknown at compile time.
std::optional<MhaLayerShape> layerShape(MhaOp op) {
  auto query = cast<ShapedType>(op.getQuery().getType());
  auto key = cast<ShapedType>(op.getKey().getType());
  auto value = cast<ShapedType>(op.getValue().getType());
  if (query.isDynamicDim(2) || key.isDynamicDim(2))
    return std::nullopt;
  auto known = [](int64_t size, int64_t otherwise) {
    return ShapedType::isDynamic(size) ? otherwise : size;
  };
  HiddenChain chain = getHiddenChain(op);
  MhaLayerShape shape{known(query.getDimSize(0), 1),
                      known(query.getDimSize(1), 1),
                      query.getDimSize(2),
                      key.getDimSize(2),
                      known(query.getDimSize(3), 64),
                      known(value.getDimSize(3), 64),
                      query.getElementTypeBitWidth() / 8};
  shape.chainLength = chain.layers.size();
  shape.hasHiddenIn = static_cast<bool>(op.getHiddenIn());
  shape.hiddenInFromLayer = shape.hasHiddenIn && chain.layers.size() > 1;
  shape.externalHidden = static_cast<bool>(chain.external);
  shape.hiddenNeeded = hiddenStateNeeded(op);
  return shape;
}

struct HopfieldChooseMhaLoweringPass
    : impl::HopfieldChooseMhaLoweringPassBase<HopfieldChooseMhaLoweringPass> {
  using Base::Base;

  void runOnOperation() override {
    std::optional<MhaLowering> forced;
    if (lowering != "auto") {
      forced = symbolizeMhaLowering(lowering);
      if (!forced) {
        getOperation()->emitError()
            << "unknown MHA lowering '" << lowering
            << "' (expected auto, materialize, bias or concat)";
        return signalPassFailure();
      }
    }
    MhaTargetLimits limits;
    limits.memoryBudgetBytes = memoryBudgetMiB * (uint64_t(1) << 20);
    limits.cacheBytes = cacheKiB * uint64_t(1024);
    limits.flopsPerByte = flopsPerByte;

    SmallVector<MhaOp> ops;
    getOperation()->walk([&](MhaOp op) { ops.push_back(op); });
    for (MhaOp op : llvm::reverse(ops)) {
      if (!forced && op.getLowering())
        continue;
      MhaLowering choice = MhaLowering::concat;
      if (forced)
        choice = *forced;
      else if (std::optional<MhaLayerShape> shape = layerShape(op))
        choice = chooseMhaLowering(*shape, limits);
      op.setLoweringAttr(MhaLoweringAttr::get(&getContext(), choice));
    }
  }
};

} // namespace
} // namespace mlir::hopfield
