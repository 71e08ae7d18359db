//===- TransformerNodes.cpp - HopfieldEncoderLayer, HopfieldDecoderLayer --===//
//
// The post-LN transformer layers of hflayers (SPEC.md §3.6) around Hopfield
// modules whose configs are nested objects. Their LayerNorms are torch's
// default (eps 1e-5, affine); dropout is inactive at inference.
//
// Results: `<node>` and, for the encoder, `<node>:association` and
// `<node>:steps`; for the decoder `<node>:association_self`,
// `<node>:association_cross`, `<node>:steps_self` and `<node>:steps_cross`.
//
//===----------------------------------------------------------------------===//

#include "HopfieldModule.h"
#include "Nodes.h"

using namespace hopfield::reference;

namespace {
/// The feed-forward block and the LayerNorms around the associations.
struct TransformerBlock {
  const Node &node;
  int64_t width = 0, feedForward = 0;
  Activation activation = nullptr;

  /// Reads dim_feedforward, dropout and activation; `width` is the state
  /// pattern width of the (first) Hopfield module.
  TransformerBlock(const Node &node, int64_t width) : node(node), width(width) {
    feedForward = node.config.getInt("dim_feedforward", 2048);
    if (feedForward < 1)
      node.config.error("dim_feedforward", "must be positive");
    node.config.getNumber("dropout", 0.1); // inactive at inference
    std::string name =
        node.config.getOptionalString("activation").value_or("relu");
    try {
      activation = activationByName(name);
    } catch (const std::runtime_error &e) {
      node.config.error("activation", e.what());
    }
  }

  /// The weights of the LayerNorms `norms` and of the two Linears.
  WeightShapes weightShapes(std::initializer_list<const char *> norms) const {
    WeightShapes shapes = {{"linear_residual.weight", {feedForward, width}},
                           {"linear_residual.bias", {feedForward}},
                           {"linear_output.weight", {width, feedForward}},
                           {"linear_output.bias", {width}}};
    for (const char *norm : norms) {
      shapes.push_back({std::string(norm) + ".weight", {width}});
      shapes.push_back({std::string(norm) + ".bias", {width}});
    }
    return shapes;
  }

  /// LN_`norm`(x + update), torch's default eps.
  Tensor addAndNorm(const Tensor &x, const Tensor &update,
                    const std::string &norm) const {
    if (update.shape != x.shape)
      fail(node.where() + ": the association output has shape " +
           update.shapeString() + ", the residual " + x.shapeString() +
           " (the Hopfield output_size must be its input_size)");
    return layerNorm(add(x, update), 1, node.weight(norm + ".weight"),
                     node.weight(norm + ".bias"), 1e-5);
  }

  /// LN_output(x + linear_output(act(linear_residual(x)))).
  Tensor feedForwardBlock(const Tensor &x) const {
    Tensor inner = linear(x, *node.weight("linear_residual.weight"),
                          node.weight("linear_residual.bias"));
    applyActivation(inner, activation);
    Tensor update = linear(inner, *node.weight("linear_output.weight"),
                           node.weight("linear_output.bias"));
    return addAndNorm(x, update, "norm_output");
  }
};
} // namespace

/// The nested Hopfield config `field`; the layers need its input_size.
static HopfieldSpec nestedSpec(const Node &node, const std::string &field) {
  HopfieldSpec spec =
      parseHopfieldSpec(node.config.object(field), true, {}, "Hopfield");
  if (spec.staticExecution)
    node.config.error(field, "must not be in static-only execution (the "
                             "layer is sized by its input_size)");
  return spec;
}

NodeResult hopfield::reference::runHopfieldEncoderLayer(const Node &node) {
  node.config.checkKnown(
      {"hopfield_association", "dim_feedforward", "dropout", "activation"},
      node.op);
  node.checkRoles({"src", "src_mask", "src_key_padding_mask"});
  HopfieldSpec spec = nestedSpec(node, "hopfield_association");
  TransformerBlock block(node, spec.embedDim);
  WeightShapes expected = block.weightShapes({"norm_residual", "norm_output"});
  appendWeights(expected, "hopfield_association.", hopfieldWeightShapes(spec));
  node.checkWeights(expected);

  const Tensor &src = node.input("src");
  HopfieldResult association = runHopfieldModule(
      spec, {node, "hopfield_association."},
      {src, src, src, node.optionalInput("src_key_padding_mask"),
       node.optionalInput("src_mask")});
  Tensor x = block.addAndNorm(src, association.output, "norm_residual");
  NodeResult result;
  result.value = block.feedForwardBlock(x);
  result.extra.emplace_back(":association", std::move(association.association));
  result.steps.emplace_back(":steps", std::move(association.steps));
  return result;
}

NodeResult hopfield::reference::runHopfieldDecoderLayer(const Node &node) {
  node.config.checkKnown({"hopfield_association_self",
                          "hopfield_association_cross", "dim_feedforward",
                          "dropout", "activation"},
                         node.op);
  node.checkRoles({"tgt", "memory", "tgt_mask", "memory_mask",
                   "tgt_key_padding_mask", "memory_key_padding_mask"});
  HopfieldSpec self = nestedSpec(node, "hopfield_association_self");
  HopfieldSpec cross = nestedSpec(node, "hopfield_association_cross");
  TransformerBlock block(node, self.embedDim);
  WeightShapes expected = block.weightShapes(
      {"norm_residual_self", "norm_residual_cross", "norm_output"});
  appendWeights(expected, "hopfield_association_self.",
                hopfieldWeightShapes(self));
  appendWeights(expected, "hopfield_association_cross.",
                hopfieldWeightShapes(cross));
  node.checkWeights(expected);

  const Tensor &tgt = node.input("tgt");
  const Tensor &memory = node.input("memory");
  HopfieldResult selfAssociation = runHopfieldModule(
      self, {node, "hopfield_association_self."},
      {tgt, tgt, tgt, node.optionalInput("tgt_key_padding_mask"),
       node.optionalInput("tgt_mask")});
  Tensor t =
      block.addAndNorm(tgt, selfAssociation.output, "norm_residual_self");
  // Cross association with (stored, state, projection) = (memory, t, memory).
  HopfieldResult crossAssociation = runHopfieldModule(
      cross, {node, "hopfield_association_cross."},
      {memory, t, memory, node.optionalInput("memory_key_padding_mask"),
       node.optionalInput("memory_mask")});
  t = block.addAndNorm(t, crossAssociation.output, "norm_residual_cross");
  NodeResult result;
  result.value = block.feedForwardBlock(t);
  result.extra.emplace_back(":association_self",
                            std::move(selfAssociation.association));
  result.extra.emplace_back(":association_cross",
                            std::move(crossAssociation.association));
  result.steps.emplace_back(":steps_self", std::move(selfAssociation.steps));
  result.steps.emplace_back(":steps_cross", std::move(crossAssociation.steps));
  return result;
}
