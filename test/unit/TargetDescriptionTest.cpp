//===- TargetDescriptionTest.cpp - host facts and default tile sizes ------===//

#include "codegen/TargetDescription.h"

#include <gtest/gtest.h>

using namespace mlir::hopfield;

TEST(TargetDescription, HostIsPlausible) {
  TargetDescription host = TargetDescription::host();
  EXPECT_FALSE(host.cpuName.empty());
  EXPECT_TRUE(host.vectorBits == 128 || host.vectorBits == 256 ||
              host.vectorBits == 512)
      << host.vectorBits;
  EXPECT_GE(host.cores, 1u);
  EXPECT_GE(host.l1DataBytes, 4096u);
  EXPECT_GE(host.l2Bytes, host.l1DataBytes);
}

TEST(TargetDescription, TilesFollowCacheSizes) {
  TargetDescription target;
  target.vectorBits = 512;
  target.l1DataBytes = 32 * 1024;
  target.l2Bytes = 1024 * 1024;
  // f32, D = E = 64: a row of Q and accumulator (or K and V) takes 512
  // bytes: L1 holds 64 query rows; a quarter of L2 holds 512 key rows,
  // capped at 256.
  auto sizes = target.defaultAttentionTileSizes(64, 64, 4);
  ASSERT_EQ(sizes.size(), 4u);
  EXPECT_EQ(sizes[0], 1);
  EXPECT_EQ(sizes[1], 1);
  EXPECT_EQ(sizes[2], 64);
  EXPECT_EQ(sizes[3], 256);
}

TEST(TargetDescription, TilesArePowersOfTwo) {
  TargetDescription target;
  target.vectorBits = 256; // 8 f32 lanes
  target.l1DataBytes = 48 * 1024;
  target.l2Bytes = 64 * 1024;
  // Rows of 768 bytes: L1 holds 64 (of 64.0); a quarter of L2 holds 21,
  // rounded down to 16 = two vectors.
  auto sizes = target.defaultAttentionTileSizes(128, 64, 4);
  EXPECT_EQ(sizes[2], 64);
  EXPECT_EQ(sizes[3], 16);
}

TEST(TargetDescription, TinyCachesStillGiveTwoVectors) {
  TargetDescription target;
  target.vectorBits = 512;
  target.l1DataBytes = 1024;
  target.l2Bytes = 2048;
  // f64: 8 lanes; the caches are too small for even one vector of rows.
  auto sizes = target.defaultAttentionTileSizes(256, 256, 8);
  EXPECT_EQ(sizes[2], 8);
  EXPECT_EQ(sizes[3], 16);
}
