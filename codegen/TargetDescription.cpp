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
  return target;
}

/// Largest multiple of `quantum` that is <= `value`, clamped to
/// [quantum, limit].
static int64_t roundDownClamped(uint64_t value, int64_t quantum,
                                int64_t limit) {
  int64_t rounded = static_cast<int64_t>(value) / quantum * quantum;
  return std::clamp<int64_t>(rounded, quantum, limit);
}

llvm::SmallVector<int64_t, 4>
TargetDescription::defaultAttentionTileSizes(int64_t headDim, int64_t valueDim,
                                             unsigned elementBytes) const {
  const int64_t lanes = std::max<int64_t>(1, vectorBits / 8 / elementBytes);
  const int64_t maxTile = 512;
  uint64_t keyRowBytes =
      static_cast<uint64_t>(headDim + valueDim) * elementBytes;
  uint64_t queryRowBytes = static_cast<uint64_t>(headDim + valueDim) * 4;
  int64_t keyTile =
      roundDownClamped(l1DataBytes / 2 / keyRowBytes, lanes, maxTile);
  int64_t queryTile =
      roundDownClamped(l2Bytes / 2 / queryRowBytes, lanes, maxTile);
  return {1, 1, queryTile, keyTile};
}
