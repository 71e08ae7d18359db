//===- MhaCostModelTest.cpp - choosing an MHA lowering --------------------===//

#include "passes/MhaCostModel.h"

#include <gtest/gtest.h>

using namespace mlir::hopfield;

namespace {

/// Layer `position` (1-based) of a `layers`-deep chain, B = 1, H = 4,
/// D = E = 32, f32, the next layer reading this one's hidden state as a
/// tensor when `hiddenNeeded`.
MhaLayerShape layer(int64_t tokens, unsigned position, bool hiddenNeeded) {
  MhaLayerShape shape{1, 4, tokens, tokens, 32, 32, 4};
  shape.chainLength = position;
  shape.hasHiddenIn = shape.hiddenInFromLayer = position > 1;
  shape.hiddenNeeded = hiddenNeeded;
  return shape;
}

MhaTargetLimits limits() {
  MhaTargetLimits l;
  l.memoryBudgetBytes = uint64_t(1) << 30;
  l.cacheBytes = uint64_t(2) << 20;
  l.flopsPerByte = 16;
  return l;
}

} // namespace

TEST(MhaCostModel, ConcatKeepsNothingQuadratic) {
  // T = 16384: one L x S tensor is 4 GiB; the concat form of layer 2 keeps
  // the 64-wide queries and keys, 2 * 4 * 32768 * 64 * 4 bytes = 64 MiB.
  MhaLayerShape second = layer(16384, 2, false);
  EXPECT_EQ(estimateMhaCost(MhaLowering::concat, second).liveBytes,
            64.0 * (1 << 20));
  EXPECT_GE(estimateMhaCost(MhaLowering::bias, second).liveBytes,
            8.0 * (1u << 30));
  EXPECT_EQ(chooseMhaLowering(second, limits()), MhaLowering::concat);
}

TEST(MhaCostModel, LongSequencesAvoidTheHiddenState) {
  // The first layer of that stack: its hidden state is not read as a
  // tensor (the second layer is concat), so plain fused attention.
  EXPECT_EQ(chooseMhaLowering(layer(16384, 1, false), limits()),
            MhaLowering::bias);
  // Even within the budget, an L x S tensor streaming through memory costs
  // more than the wider contraction of a shallow concat layer.
  MhaTargetLimits roomy = limits();
  roomy.memoryBudgetBytes = uint64_t(64) << 30;
  EXPECT_EQ(chooseMhaLowering(layer(4096, 2, false), roomy),
            MhaLowering::concat);
}

TEST(MhaCostModel, ShortSequencesMaterialize) {
  // T = 128: h fits the cache; a layer whose hidden state the next one
  // reads computes S once and keeps it (materialize) rather than twice.
  EXPECT_EQ(chooseMhaLowering(layer(128, 2, true), limits()),
            MhaLowering::materialize);
  // The last layer only needs its output: the fused kernel.
  EXPECT_EQ(chooseMhaLowering(layer(128, 4, false), limits()),
            MhaLowering::bias);
}

TEST(MhaCostModel, DeepChainsPreferTheBiasInCache) {
  // Layer 8 in cache: the concat contraction is 8 D wide; the bias reads
  // h_7 at no traffic cost.
  EXPECT_EQ(chooseMhaLowering(layer(256, 8, false), limits()),
            MhaLowering::bias);
}

TEST(MhaCostModel, NothingFitsTakesTheLeanest) {
  MhaTargetLimits tight = limits();
  tight.memoryBudgetBytes = 1024;
  EXPECT_EQ(chooseMhaLowering(layer(16384, 3, true), tight),
            MhaLowering::concat);
}
