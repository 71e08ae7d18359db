//===- Nodes.h - The ops of a model description -----------------*- C++ -*-===//
//
// One function per op of a model description (DESIGN.md §5,
// docs/HflayersNodes.md): it checks the node's config, roles and weights and
// computes its results.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_NODES_H
#define TEST_LIB_NODES_H

#include "Node.h"

namespace hopfield::reference {

/// The results of one node.
struct NodeResult {
  /// The value named by the node.
  Tensor value;
  /// Further values, named `<node><suffix>` (e.g. ":association").
  std::vector<std::pair<std::string, Tensor>> extra;
  /// Softmax evaluations per head, written as `<node><suffix>` (int64).
  std::vector<std::pair<std::string, std::vector<int64_t>>> steps;
};

// Basic ops (BasicNodes.cpp).
NodeResult runLinear(const Node &node);
NodeResult runLayerNorm(const Node &node);
NodeResult runAdd(const Node &node);
NodeResult runResidualMix(const Node &node);
NodeResult runGELU(const Node &node);

// Modern Hopfield attention (MhaNode.cpp).
NodeResult runModernHopfieldAttention(const Node &node);

// hflayers modules (HflayersNodes.cpp).
NodeResult runHopfield(const Node &node);
NodeResult runHopfieldPooling(const Node &node);
NodeResult runHopfieldLayer(const Node &node);

// hflayers transformer layers (TransformerNodes.cpp).
NodeResult runHopfieldEncoderLayer(const Node &node);
NodeResult runHopfieldDecoderLayer(const Node &node);

} // namespace hopfield::reference

#endif // TEST_LIB_NODES_H
