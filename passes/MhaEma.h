//===- MhaEma.h - the hidden state as a weighted sum of scores --*- C++ -*-===//
//
// SPEC 2.5 closed forms: unrolling h_n = a'_n h_{n-1} + (1 - a'_n) S_n over
// a chain of modern Hopfield attention layers gives h_n as a weighted sum
// of the layers' score matrices S_m (and of the hidden state the chain
// started from, if any). The concatenated-QK lowering and its tests use
// these weights.
//
//===----------------------------------------------------------------------===//

#ifndef PASSES_MHAEMA_H
#define PASSES_MHAEMA_H

#include "dialect/HopfieldOps.h"

#include "llvm/ADT/SmallVector.h"

namespace mlir::hopfield {

/// The layers whose scores make up the hidden state of `layers.back()`:
/// follows `hidden_in` back through the MHA ops that produced it.
struct HiddenChain {
  llvm::SmallVector<MhaOp> layers; // oldest first
  /// The oldest layer's incoming hidden state, when no MHA op produced it.
  Value external;
};

HiddenChain getHiddenChain(MhaOp op);

/// What the EMA needs of one layer.
struct EmaLayer {
  double alphaHidden;
  /// Only read for the first layer of a chain without an incoming state.
  MhaInit init = MhaInit::first_scores;
};

/// h_n = sum_m scoreWeights[m] S_m + external h_0, for the layers
/// m = 0..n-1 of a chain, oldest first.
struct EmaWeights {
  llvm::SmallVector<double> scoreWeights;
  /// Weight of the hidden state the oldest layer received (0 without one).
  double external = 0.0;
};

/// The weights of h_n for the chain `layers` (oldest first, the last one is
/// layer n). `externalHidden`: the oldest layer has an incoming hidden state
/// that no layer of the chain produced (e.g. a model input).
EmaWeights emaWeights(llvm::ArrayRef<EmaLayer> layers, bool externalHidden);

/// The same for the ops of `chain`.
EmaWeights emaWeights(const HiddenChain &chain);

} // namespace mlir::hopfield

#endif // PASSES_MHAEMA_H
