//===- MhaCostModel.h - choosing a lowering per MHA layer -------*- C++ -*-===//
//
// SPEC 9.6 asks for a documented cost model that picks, per modern Hopfield
// attention layer, one of the three lowerings (materialize, bias, concat).
// It estimates for each the arithmetic, the bytes of L x S tensors that
// stream through memory and the bytes kept alive, and takes the cheapest
// lowering that fits the memory budget (docs/MhaLowering.md has the
// formulas and their reasoning).
//
//===----------------------------------------------------------------------===//

#ifndef PASSES_MHACOSTMODEL_H
#define PASSES_MHACOSTMODEL_H

#include "dialect/HopfieldOps.h"

#include <cstdint>

namespace mlir::hopfield {

/// The limits of the target the cost model weighs against.
struct MhaTargetLimits {
  /// Most bytes of intermediate tensors one layer may keep alive.
  uint64_t memoryBudgetBytes = uint64_t(1) << 30;
  /// On-chip cache: an L x S tensor that fits costs no memory traffic.
  uint64_t cacheBytes = uint64_t(2) << 20;
  /// Machine balance: FLOPs the target does in the time of one byte of
  /// memory traffic.
  double flopsPerByte = 16.0;
};

/// One layer as the cost model sees it. Sizes are static; the caller
/// substitutes what is unknown at compile time.
struct MhaLayerShape {
  int64_t batch, heads, queries, keys, qkFeatures, valueFeatures;
  unsigned elementBytes;
  /// Score terms of the concatenated form: layers in the chain so far.
  unsigned chainLength = 1;
  /// The layer reads an incoming hidden state.
  bool hasHiddenIn = false;
  /// That state is produced by another MHA layer (which must then build it).
  bool hiddenInFromLayer = false;
  /// The chain started from a hidden state no layer produced.
  bool externalHidden = false;
  /// The layer's own hidden state is needed as a tensor.
  bool hiddenNeeded = false;
};

struct MhaCost {
  double flops = 0, trafficBytes = 0, liveBytes = 0;
  /// FLOP-equivalents: flops + flopsPerByte * traffic, traffic counting only
  /// when one L x S tensor does not fit the cache.
  double time(const MhaLayerShape &shape, const MhaTargetLimits &limits) const;
};

MhaCost estimateMhaCost(MhaLowering lowering, const MhaLayerShape &shape);

/// The cheapest lowering whose live bytes fit the budget; when none fits,
/// the one that keeps the fewest bytes alive. Ties prefer bias, then
/// concat, then materialize.
MhaLowering chooseMhaLowering(const MhaLayerShape &shape,
                              const MhaTargetLimits &limits);

} // namespace mlir::hopfield

#endif // PASSES_MHACOSTMODEL_H
