//===- FlashKernelShape.cpp - geometry of the tensor-core kernel ----------===//

#include "codegen/FlashKernel.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <string>

using namespace mlir;
using namespace mlir::hopfield;

/// bf16 / f16.
static constexpr int64_t kElementBytes = 2;

FlashKernelShape::FlashKernelShape(int64_t d, int64_t e)
    : headDim(d), valueDim(e) {
  // Two row tiles per warp reuse each key/value fragment twice; their
  // accumulators (e / 2 registers each) must fit with the scores.
  rowTiles = e <= 128 && d <= 128 ? 2 : 1;
  blockRows = kWarps * 16 * rowTiles;
  for (blockKeys = 64; blockKeys > 16; blockKeys /= 2)
    if (sharedBytes() <= kSharedBytes)
      break;
}

int64_t FlashKernelShape::queryTileBytes() const {
  return blockRows * (headDim + kRowPad) * kElementBytes;
}

int64_t FlashKernelShape::keyTileBytes() const {
  return kStages * blockKeys * (headDim + kRowPad) * kElementBytes;
}

int64_t FlashKernelShape::sharedBytes() const {
  return queryTileBytes() + keyTileBytes() +
         kStages * blockKeys * (valueDim + kRowPad) * kElementBytes;
}

int64_t FlashKernelShape::retrievalSharedBytes() const {
  // The second query tile shares the value tiles' place, which may be
  // smaller (value width under head width); then the row sums.
  int64_t values = sharedBytes() - queryTileBytes() - keyTileBytes();
  return queryTileBytes() + keyTileBytes() +
         std::max(values, queryTileBytes()) + kThreads * 4;
}

int64_t FlashKernelShape::blocksPerSM() const {
  // The blocks the shared memory of an SM holds (228 KiB, 1 KiB reserved
  // per block), as far as the registers a thread keeps live stay under the
  // cap that many blocks impose (65536 / (blocks * 128)): per row tile the
  // accumulators (e / 2) and the scores (keys / 2), and about 48 more.
  int64_t live = rowTiles * (valueDim / 2 + blockKeys / 2) + 48;
  int64_t blocks = std::min<int64_t>(4, (228 * 1024) / (sharedBytes() + 1024));
  while (blocks > 2 && live > 65536 / (blocks * kThreads))
    --blocks;
  return blocks;
}

LogicalResult mlir::hopfield::checkFlashKernelShapes(ArrayRef<int64_t> query,
                                                     ArrayRef<int64_t> key,
                                                     ArrayRef<int64_t> value,
                                                     std::string &why) {
  for (ArrayRef<int64_t> shape : {query, key, value})
    if (ShapedType::isDynamicShape(shape)) {
      why = "run-time sizes";
      return failure();
    }
  if (query[3] % 16 != 0 || query[3] > 256) {
    why = "head width " + std::to_string(query[3]) +
          " is not a multiple of 16 up to 256";
    return failure();
  }
  if (value[3] % 8 != 0 || value[3] > 256) {
    why = "value width " + std::to_string(value[3]) +
          " is not a multiple of 8 up to 256";
    return failure();
  }
  if (query[2] == 0 || key[2] == 0) {
    why = "no queries or no keys";
    return failure();
  }
  return success();
}
