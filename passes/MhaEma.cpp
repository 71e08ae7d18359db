//===- MhaEma.cpp - the hidden state as a weighted sum of scores ----------===//
//
//   init = first_scores:  h_1 = S_1
//   init = zero:          h_1 = (1 - a'_1) S_1
//   incoming state h_0:   h_1 = a'_1 h_0 + (1 - a'_1) S_1
//   n >= 2:               h_n = a'_n h_{n-1} + (1 - a'_n) S_n
//
// so S_m enters h_n with (its weight in h_m) * prod_{k > m} a'_k, and h_0
// with prod_k a'_k. For one a' these are SPEC 2.5's closed forms.
//
//===----------------------------------------------------------------------===//

#include "passes/MhaEma.h"

using namespace mlir;
using namespace mlir::hopfield;

EmaWeights mlir::hopfield::emaWeights(ArrayRef<EmaLayer> layers,
                                      bool externalHidden) {
  EmaWeights weights;
  for (auto [index, layer] : llvm::enumerate(layers)) {
    const double a = layer.alphaHidden;
    const bool first = index == 0;
    // The terms so far decay by a'; the new score enters with 1 - a',
    // except for a first layer with init = first_scores.
    for (double &w : weights.scoreWeights)
      w *= a;
    weights.external *= a;
    if (first && externalHidden)
      weights.external = a;
    bool fullFirstScore =
        first && !externalHidden && layer.init == MhaInit::first_scores;
    weights.scoreWeights.push_back(fullFirstScore ? 1.0 : 1.0 - a);
  }
  return weights;
}

HiddenChain mlir::hopfield::getHiddenChain(MhaOp op) {
  HiddenChain chain;
  for (MhaOp layer = op; layer;) {
    chain.layers.push_back(layer);
    Value previous = layer.getHiddenIn();
    if (!previous)
      break;
    // Only the `hidden` result (number 1) continues the chain.
    auto result = dyn_cast<OpResult>(previous);
    layer = result && result.getResultNumber() == 1
                ? dyn_cast<MhaOp>(result.getOwner())
                : MhaOp();
    if (!layer)
      chain.external = previous;
  }
  std::reverse(chain.layers.begin(), chain.layers.end());
  return chain;
}

EmaWeights mlir::hopfield::emaWeights(const HiddenChain &chain) {
  SmallVector<EmaLayer> layers;
  for (MhaOp op : chain.layers)
    layers.push_back({op.getAlphaHidden().convertToDouble(), op.getInit()});
  return emaWeights(layers, static_cast<bool>(chain.external));
}
