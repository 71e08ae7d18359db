//===- BasicNodes.cpp - Linear, LayerNorm, Add, ResidualMix, GELU ---------===//

#include "Nodes.h"

#include <algorithm>
#include <cmath>

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

NodeResult hopfield::reference::runAdd(const Node &node) {
  node.config.checkKnown({}, node.op);
  node.checkRoles({"lhs", "rhs"});
  node.checkWeights({});
  return {add(node.input("lhs"), node.input("rhs")), {}, {}};
}

NodeResult hopfield::reference::runResidualMix(const Node &node) {
  node.config.checkKnown({"alpha"}, node.op);
  node.checkRoles({"residual", "update"});
  node.checkWeights({});
  if (!node.config.raw("alpha").is_number())
    node.config.error("alpha", "is required (a number)");
  const double alpha = node.config.getNumber("alpha", 0.0);
  const Tensor &residual = node.input("residual");
  const Tensor &update = node.input("update");
  if (residual.shape != update.shape)
    fail(node.where() + ": residual " + residual.shapeString() +
         " and update " + update.shapeString() + " differ");
  Tensor y = residual;
  for (size_t i = 0; i < y.data.size(); ++i)
    y.data[i] = alpha * residual.data[i] + (1.0 - alpha) * update.data[i];
  return {y, {}, {}};
}

NodeResult hopfield::reference::runGELU(const Node &node) {
  node.config.checkKnown({"approximate"}, node.op);
  node.checkRoles({"input"});
  node.checkWeights({});
  std::string approximate =
      node.config.getOptionalString("approximate").value_or("none");
  if (approximate != "none" && approximate != "tanh")
    node.config.error("approximate", "must be \"none\" or \"tanh\"");
  Tensor y = node.input("input");
  // torch.nn.GELU: x * Phi(x), or the tanh approximation.
  for (double &v : y.data) {
    if (approximate == "none") {
      v = 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
    } else {
      const double c = std::sqrt(2.0 / M_PI);
      v = 0.5 * v * (1.0 + std::tanh(c * (v + 0.044715 * v * v * v)));
    }
  }
  return {y, {}, {}};
}
