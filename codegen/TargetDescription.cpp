//===- TargetDescription.cpp - host target facts and tile sizes -----------===//

#include "codegen/TargetDescription.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <thread>
#include <unistd.h>

using namespace mlir::hopfield;

TargetDescription TargetDescription::host() {
  TargetDescription target;
  target.cpuName = llvm::sys::getHostCPUName().str();
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    target.vectorBits = 512;
  else if (features.lookup("avx2") || features.lookup("avx"))
    target.vectorBits = 256;
#ifdef _SC_LEVEL1_DCACHE_SIZE
  if (long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE); l1 > 0)
    target.l1DataBytes = static_cast<uint64_t>(l1);
  if (long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE); l2 > 0)
    target.l2Bytes = static_cast<uint64_t>(l2);
#endif
  target.cores = std::max(1u, std::thread::hardware_concurrency());
  long pages = sysconf(_SC_PHYS_PAGES), pageBytes = sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageBytes > 0)
    target.memoryBytes = uint64_t(pages) * uint64_t(pageBytes);
  return target;
}

/// Largest power of two <= `value`, clamped to [low, high].
static int64_t powerOfTwoClamped(uint64_t value, int64_t low, int64_t high) {
  int64_t result = 1;
  while (static_cast<uint64_t>(result) * 2 <= value)
    result *= 2;
  return std::clamp<int64_t>(result, low, high);
}

llvm::SmallVector<int64_t, 4>
TargetDescription::defaultAttentionTileSizes(int64_t headDim, int64_t valueDim,
                                             unsigned elementBytes) const {
  const int64_t lanes = std::max<int64_t>(1, vectorBits / 8 / elementBytes);
  const uint64_t rowBytes =
      static_cast<uint64_t>(headDim + valueDim) * elementBytes;
  // A query tile's Q rows and accumulator are reused against every key tile:
  // keep them in L1. The K and V rows of a key tile are reused by every
  // register-row strip of the query tile: keep them in a quarter of L2.
  int64_t queryTile = powerOfTwoClamped(l1DataBytes / rowBytes, 8, 64);
  int64_t keyTile =
      powerOfTwoClamped(l2Bytes / 4 / rowBytes, 2 * lanes, 256);
  return {1, 1, queryTile, keyTile};
}

TargetDescription::LinalgTileSizes
TargetDescription::defaultLinalgTileSizes(unsigned elementBytes) const {
  const int64_t lanes = std::max<int64_t>(1, vectorBits / 8 / elementBytes);
  const int64_t cols = 16 * lanes;
  const int64_t reduction =
      powerOfTwoClamped(l2Bytes / 2 / (cols * elementBytes), 64, 1024);
  return {64, cols, reduction};
}
