//===- MhaCostModel.cpp - choosing a lowering per MHA layer ---------------===//
//
// With N = B H L S score entries, D the query/key and E the value features,
// p the chain length and M = N * element bytes (one L x S tensor):
//
//   every lowering: 2 N (D + E) for Q K^T and P V (concat: 2 N (p D + E)).
//   materialize:  + EMA (N, 3 N with h_{n-1}) + softmax (5 N);
//                 streams h_n and P, written and read (4 M) and h_{n-1} (M);
//                 keeps h_n, P and h_{n-1} alive.
//   bias:         + the bias a' h_{n-1} (N; read, written, read: 3 M,
//                 2 M alive); when h_n is needed also S_n again (2 N D) and
//                 its EMA (3 N; S and h_n written and read: 4 M, 2 M alive).
//   concat:       when h_n is needed, it is built from the factors
//                 (2 N p D, written once: M); an external h_0 is a bias
//                 (3 M); keeps the p D-wide queries and keys alive.
//   bias and materialize read h_{n-1} as a tensor: when another layer made
//   it, they are charged for building it (2 N D + 3 N, 2 M).
//
//===----------------------------------------------------------------------===//

#include "passes/MhaCostModel.h"

#include <optional>

using namespace mlir;
using namespace mlir::hopfield;

namespace {
struct Sizes {
  double n, m, d, e;
};
Sizes sizesOf(const MhaLayerShape &s) {
  double n = double(s.batch) * s.heads * s.queries * s.keys;
  return {n, n * s.elementBytes, double(s.qkFeatures),
          double(s.valueFeatures)};
}
} // namespace

double MhaCost::time(const MhaLayerShape &shape,
                     const MhaTargetLimits &limits) const {
  bool streams = sizesOf(shape).m > double(limits.cacheBytes);
  return flops + (streams ? limits.flopsPerByte * trafficBytes : 0.0);
}

MhaCost mlir::hopfield::estimateMhaCost(MhaLowering lowering,
                                        const MhaLayerShape &shape) {
  auto [n, m, d, e] = sizesOf(shape);
  MhaCost cost;
  auto buildPreviousHidden = [&] {
    if (!shape.hiddenInFromLayer)
      return;
    cost.flops += 2 * n * d + 3 * n;
    cost.trafficBytes += 2 * m;
  };
  switch (lowering) {
  case MhaLowering::materialize:
    cost.flops = 2 * n * (d + e) + (shape.hasHiddenIn ? 3 : 1) * n + 5 * n;
    cost.trafficBytes = 4 * m + (shape.hasHiddenIn ? m : 0);
    cost.liveBytes = 2 * m + (shape.hasHiddenIn ? m : 0);
    buildPreviousHidden();
    break;
  case MhaLowering::bias:
    cost.flops = 2 * n * (d + e);
    if (shape.hasHiddenIn) {
      cost.flops += n;
      cost.trafficBytes += 3 * m;
      cost.liveBytes += 2 * m;
    }
    if (shape.hiddenNeeded) {
      cost.flops += 2 * n * d + 3 * n;
      cost.trafficBytes += 4 * m;
      cost.liveBytes += 2 * m;
    }
    buildPreviousHidden();
    break;
  case MhaLowering::concat: {
    double width = shape.chainLength * d;
    cost.flops = 2 * n * (width + e);
    cost.liveBytes = 2.0 * shape.batch * shape.heads *
                     (shape.queries + shape.keys) * width * shape.elementBytes;
    if (shape.externalHidden) {
      cost.flops += n;
      cost.trafficBytes += 3 * m;
      cost.liveBytes += 2 * m;
    }
    if (shape.hiddenNeeded) {
      cost.flops += 2 * n * width;
      cost.trafficBytes += m;
      cost.liveBytes += m;
    }
    break;
  }
  }
  return cost;
}

MhaLowering mlir::hopfield::chooseMhaLowering(const MhaLayerShape &shape,
                                              const MhaTargetLimits &limits) {
  const MhaLowering order[] = {MhaLowering::bias, MhaLowering::concat,
                               MhaLowering::materialize};
  std::optional<MhaLowering> best, leanest;
  double bestTime = 0, leanestBytes = 0;
  for (MhaLowering lowering : order) {
    MhaCost cost = estimateMhaCost(lowering, shape);
    if (!leanest || cost.liveBytes < leanestBytes) {
      leanest = lowering;
      leanestBytes = cost.liveBytes;
    }
    if (cost.liveBytes > double(limits.memoryBudgetBytes))
      continue;
    double time = cost.time(shape, limits);
    if (!best || time < bestTime) {
      best = lowering;
      bestTime = time;
    }
  }
  return best ? *best : *leanest;
}
