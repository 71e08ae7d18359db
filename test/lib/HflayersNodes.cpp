//===- HflayersNodes.cpp - Hopfield, HopfieldPooling, HopfieldLayer -------===//
//
// The three modules of hflayers (SPEC.md §3.3-3.5) as nodes: config, roles
// and state_dict as docs/HflayersNodes.md writes them.
//
//===----------------------------------------------------------------------===//

#include "HopfieldModule.h"
#include "Nodes.h"

using namespace hopfield::reference;

/// The mask roles every module accepts.
static const char *const kPaddingMask = "stored_pattern_padding_mask";
static const char *const kAssociationMask = "association_mask";

/// The node result of a module run: the output, `:association`, `:steps`.
static NodeResult toNodeResult(HopfieldResult result) {
  NodeResult out;
  out.value = std::move(result.output);
  out.extra.emplace_back(":association", std::move(result.association));
  out.steps.emplace_back(":steps", std::move(result.steps));
  return out;
}

/// Checks the size arguments of the wrappers, which require input_size.
static int64_t checkWrapperSizes(const Node &node, const HopfieldSpec &spec) {
  if (!spec.inputSize)
    fail(node.where() + ": config 'input_size' is required for " + node.op);
  int64_t quantity = node.config.getInt("quantity", 1);
  if (quantity < 1)
    node.config.error("quantity", "must be positive");
  node.config.getBool("trainable", true); // no effect at inference
  return quantity;
}

/// The shape of a learned table (pooling, lookup or target weights).
static std::vector<int64_t> tableShape(const HopfieldSpec &spec,
                                       int64_t quantity, int64_t width) {
  return spec.batchFirst ? std::vector<int64_t>{1, quantity, width}
                         : std::vector<int64_t>{quantity, 1, width};
}

/// A learned table (1, q, D) (or (q, 1, D)) expanded over `batch` samples.
static Tensor expandOverBatch(const HopfieldSpec &spec, const Tensor &table,
                              int64_t batch) {
  int64_t quantity = table.numElements() / table.shape[2];
  int64_t width = table.shape[2];
  Tensor out = Tensor::zeros(
      spec.batchFirst ? std::vector<int64_t>{batch, quantity, width}
                      : std::vector<int64_t>{quantity, batch, width});
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < quantity; ++i)
      for (int64_t f = 0; f < width; ++f) {
        int64_t at = spec.batchFirst ? (b * quantity + i) : (i * batch + b);
        out.data[at * width + f] = table.data[i * width + f];
      }
  return out;
}

/// The batch size of pattern `x` in the module's layout.
static int64_t batchOf(const HopfieldSpec &spec, const Tensor &x,
                       const char *role) {
  if (x.shape.size() != 3)
    fail(std::string(role) + " has shape " + x.shapeString() +
         ", expected rank 3");
  return x.shape[spec.batchFirst ? 0 : 1];
}

NodeResult hopfield::reference::runHopfield(const Node &node) {
  HopfieldSpec spec = parseHopfieldSpec(node.config, true, {}, node.op);
  node.checkRoles({"input", "stored_pattern", "state_pattern",
                   "pattern_projection", kPaddingMask, kAssociationMask});
  node.checkWeights(hopfieldWeightShapes(spec));
  bool single = node.optionalInput("input") != nullptr;
  if (single == (node.optionalInput("stored_pattern") != nullptr))
    fail(node.where() + ": give either role 'input' or the roles "
                        "stored_pattern, state_pattern, pattern_projection");
  HopfieldInputs inputs{node.input(single ? "input" : "stored_pattern"),
                        node.input(single ? "input" : "state_pattern"),
                        node.input(single ? "input" : "pattern_projection"),
                        node.optionalInput(kPaddingMask),
                        node.optionalInput(kAssociationMask)};
  return toNodeResult(runHopfieldModule(spec, {node, ""}, inputs));
}

NodeResult hopfield::reference::runHopfieldPooling(const Node &node) {
  HopfieldSpec spec =
      parseHopfieldSpec(node.config, false, {"quantity", "trainable"}, node.op);
  int64_t quantity = checkWrapperSizes(node, spec);
  node.checkRoles({"input", "stored_pattern", "pattern_projection",
                   kPaddingMask, kAssociationMask});
  // The state pattern has hidden_size features when it is static (and
  // input_size in static-only execution).
  int64_t width = spec.stateStatic && !spec.staticExecution ? spec.headDim
                                                            : *spec.inputSize;
  WeightShapes expected = {
      {"pooling_weights", tableShape(spec, quantity, width)}};
  appendWeights(expected, "hopfield.", hopfieldWeightShapes(spec));
  node.checkWeights(expected);

  bool single = node.optionalInput("input") != nullptr;
  if (single == (node.optionalInput("stored_pattern") != nullptr))
    fail(node.where() + ": give either role 'input' or the roles "
                        "stored_pattern, pattern_projection");
  const Tensor &stored = node.input(single ? "input" : "stored_pattern");
  const Tensor &projection =
      node.input(single ? "input" : "pattern_projection");
  Tensor state = expandOverBatch(spec, *node.weight("pooling_weights"),
                                 batchOf(spec, stored, "stored_pattern"));
  HopfieldInputs inputs{stored, state, projection,
                        node.optionalInput(kPaddingMask),
                        node.optionalInput(kAssociationMask)};
  NodeResult result =
      toNodeResult(runHopfieldModule(spec, {node, "hopfield."}, inputs));
  // flatten(start_dim=1): (B, q, out) -> (B, q·out); seq-first
  // (q, B, out) -> (q, B·out), the library's odd shape.
  Tensor &out = result.value;
  out.shape = {out.shape[0], out.shape[1] * out.shape[2]};
  return result;
}

NodeResult hopfield::reference::runHopfieldLayer(const Node &node) {
  HopfieldSpec spec =
      parseHopfieldSpec(node.config, false,
                        {"quantity", "trainable", "lookup_weights_as_separated",
                         "lookup_targets_as_trainable"},
                        node.op);
  int64_t quantity = checkWrapperSizes(node, spec);
  bool separated = node.config.getBool("lookup_weights_as_separated", false);
  node.config.getBool("lookup_targets_as_trainable", true); // no effect
  node.checkRoles({"input", kPaddingMask, kAssociationMask});
  // The stored pattern has hidden_size features when it is static, else
  // stored_pattern_size (both input_size in static-only execution).
  int64_t width = spec.staticExecution ? *spec.inputSize
                  : spec.storedStatic  ? spec.headDim
                                       : spec.storedDim;
  WeightShapes expected = {
      {"lookup_weights", tableShape(spec, quantity, width)}};
  if (separated)
    expected.push_back(
        {"target_weights",
         tableShape(spec, quantity, spec.projectionSize.value_or(width))});
  appendWeights(expected, "hopfield.", hopfieldWeightShapes(spec));
  node.checkWeights(expected);

  const Tensor &state = node.input("input");
  int64_t batch = batchOf(spec, state, "input");
  Tensor stored = expandOverBatch(spec, *node.weight("lookup_weights"), batch);
  Tensor projection =
      separated ? expandOverBatch(spec, *node.weight("target_weights"), batch)
                : stored;
  HopfieldInputs inputs{stored, state, projection,
                        node.optionalInput(kPaddingMask),
                        node.optionalInput(kAssociationMask)};
  return toNodeResult(runHopfieldModule(spec, {node, "hopfield."}, inputs));
}
