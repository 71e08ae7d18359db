//===- BasicNodes.cpp - The Linear and LayerNorm ops ----------------------===//

#include "Nodes.h"

#include <algorithm>

using namespace hopfield::reference;

NodeResult hopfield::reference::runLinear(const Node &node) {
  node.config.checkKnown({"in_features", "out_features", "bias"}, node.op);
  node.checkRoles({"input"});
  auto in = node.config.getOptionalInt("in_features");
  auto out = node.config.getOptionalInt("out_features");
  if (!in || !out)
    fail(node.where() + ": config 'in_features' and 'out_features' are "
                        "required integers");
  WeightShapes expected = {{"weight", {*out, *in}}};
  if (node.config.getBool("bias", true))
    expected.push_back({"bias", {*out}});
  node.checkWeights(expected);
  return {
      linear(node.input("input"), *node.weight("weight"), node.weight("bias")),
      {},
      {}};
}

NodeResult hopfield::reference::runLayerNorm(const Node &node) {
  node.config.checkKnown(
      {"normalized_shape", "eps", "elementwise_affine", "bias"}, node.op);
  node.checkRoles({"input"});
  Json shape = node.config.raw("normalized_shape");
  if (!shape.is_array() && !shape.is_number_integer())
    fail(node.where() + ": config 'normalized_shape' must be an integer or "
                        "a list of integers");
  std::vector<int64_t> dims = shape.is_array()
                                  ? shape.get<std::vector<int64_t>>()
                                  : std::vector<int64_t>{shape.get<int64_t>()};
  const Tensor &x = node.input("input");
  if (dims.size() > x.shape.size() ||
      !std::equal(dims.begin(), dims.end(), x.shape.end() - dims.size()))
    fail(node.where() +
         ": normalized_shape does not match the trailing dimensions of the "
         "input " +
         x.shapeString());
  bool affine = node.config.getBool("elementwise_affine", true);
  WeightShapes expected;
  if (affine)
    expected.push_back({"weight", dims});
  if (affine && node.config.getBool("bias", true))
    expected.push_back({"bias", dims});
  node.checkWeights(expected);
  return {layerNorm(x, dims.size(), node.weight("weight"), node.weight("bias"),
                    node.config.getNumber("eps", 1e-5)),
          {},
          {}};
}
