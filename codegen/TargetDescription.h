//===- TargetDescription.h - what codegen knows of a target -*- C++ -*-===//
//
// The facts tile-size selection and the MHA cost model need: vector width,
// cache sizes, core count and memory. `host()` reads them off the machine the compiler runs on;
// `defaultAttentionTileSizes` turns them into (batch, heads, queries, keys)
// tile sizes for the hopfield-tile pass, `defaultLinalgTileSizes` into those
// of hopfield-tile-linalg.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_TARGETDESCRIPTION_H
#define CODEGEN_TARGETDESCRIPTION_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>

namespace mlir::hopfield {

struct TargetDescription {
  std::string cpuName;
  /// Widest usable SIMD register, in bits (512 with AVX-512, 256 with AVX2).
  unsigned vectorBits = 128;
  uint64_t l1DataBytes = 32 * 1024;
  uint64_t l2Bytes = 1024 * 1024;
  unsigned cores = 1;
  /// Physical memory.
  uint64_t memoryBytes = uint64_t(8) << 30;

  /// The machine the compiler runs on.
  static TargetDescription host();

  /// Tile sizes (batch, heads, queries, keys) for the online association:
  /// one (batch, head) per tile; a query tile whose Q rows and accumulator
  /// fit L1 (8 to 64 rows), and a key tile whose K and V rows fit a quarter
  /// of L2 (two vectors to 256 keys). Powers of two, so that they divide
  /// the usual sequence lengths and every tile vectorizes.
  llvm::SmallVector<int64_t, 4>
  defaultAttentionTileSizes(int64_t headDim, int64_t valueDim,
                            unsigned elementBytes) const;

  /// Tile sizes for hopfield-tile-linalg (projections and the layers
  /// around the association).
  struct LinalgTileSizes {
    int64_t rows, cols, reduction;
  };

  /// 64-row tiles (eight register-tile strips); contraction tiles of 16
  /// vectors of columns; a reduction step that keeps the weight panel
  /// (reduction x cols) in half of L2 (64 to 1024).
  LinalgTileSizes defaultLinalgTileSizes(unsigned elementBytes) const;

  /// What the MHA cost model weighs against (hopfield-choose-mha-lowering):
  /// a sixteenth of the memory as the budget of one layer's intermediates,
  /// the L2 of all cores as the cache.
  uint64_t mhaMemoryBudgetBytes() const { return memoryBytes / 16; }
  uint64_t mhaCacheBytes() const { return l2Bytes * cores; }
};

} // namespace mlir::hopfield

#endif // CODEGEN_TARGETDESCRIPTION_H
