//===- HopfieldConfig.cpp - The arguments of hflayers.Hopfield ------------===//

#include "HopfieldConfig.h"

#include <cmath>

using namespace hopfield::reference;

/// The arguments of hflayers.Hopfield other than the LayerNorm eps values.
static const std::set<std::string> kHopfieldFields = {
    "input_size",
    "hidden_size",
    "output_size",
    "pattern_size",
    "num_heads",
    "scaling",
    "update_steps_max",
    "update_steps_eps",
    "normalize_stored_pattern",
    "normalize_stored_pattern_affine",
    "normalize_state_pattern",
    "normalize_state_pattern_affine",
    "normalize_pattern_projection",
    "normalize_pattern_projection_affine",
    "normalize_hopfield_space",
    "normalize_hopfield_space_affine",
    "stored_pattern_as_static",
    "state_pattern_as_static",
    "pattern_projection_as_static",
    "pattern_projection_as_connected",
    "stored_pattern_size",
    "pattern_projection_size",
    "batch_first",
    "association_activation",
    "dropout",
    "input_bias",
    "concat_bias_pattern",
    "add_zero_association",
    "disable_out_projection"};

/// The LayerNorms, by the infix of their config fields.
static const char *const kNorms[] = {"stored_pattern", "state_pattern",
                                     "pattern_projection", "hopfield_space"};

/// A per-head config value (a scalar or a list of `numHeads`) as a list.
static std::vector<Json> perHead(const Config &config, const std::string &field,
                                 const Json &value, int64_t numHeads) {
  if (!value.is_array())
    return std::vector<Json>(numHeads, value);
  if (static_cast<int64_t>(value.size()) != numHeads)
    config.error(field, "has " + std::to_string(value.size()) +
                            " entries, expected num_heads = " +
                            std::to_string(numHeads));
  return value.get<std::vector<Json>>();
}

/// Reads scaling, update_steps_max and update_steps_eps.
static void parseRetrieval(const Config &config, HopfieldSpec &spec) {
  int64_t heads = spec.numHeads;
  if (!config.raw("scaling").is_null()) {
    spec.scaling.emplace();
    for (const Json &v :
         perHead(config, "scaling", config.raw("scaling"), heads)) {
      if (!v.is_number())
        config.error("scaling", "must be a number or one number per head");
      spec.scaling->push_back(v.get<double>());
    }
  }
  // update_steps_max: absent = 0, null = until converged, negative = null.
  Json maxSteps = config.contains("update_steps_max")
                      ? config.raw("update_steps_max")
                      : Json(0);
  for (const Json &v : perHead(config, "update_steps_max", maxSteps, heads)) {
    if (!v.is_null() && !v.is_number_integer())
      config.error("update_steps_max",
                   "must be an integer, one per head, or null");
    spec.maxSteps.push_back(v.is_null() || v.get<int64_t>() < 0
                                ? std::nullopt
                                : std::optional<int64_t>(v.get<int64_t>()));
  }
  Json eps = config.raw("update_steps_eps");
  for (const Json &v : perHead(config, "update_steps_eps",
                               eps.is_null() ? Json(1e-4) : eps, heads)) {
    if (!v.is_number() || !(v.get<double>() > 0.0))
      config.error("update_steps_eps", "must be positive (one per head)");
    spec.eps.push_back(v.get<double>());
  }
}

/// Derives the sizes of HopfieldCore from the arguments.
static void deriveSizes(const Config &config, HopfieldSpec &spec) {
  spec.staticExecution = spec.storedStatic && spec.stateStatic &&
                         spec.projectionStatic && !spec.connected &&
                         !spec.normHopfieldSpace.enabled &&
                         !spec.normHopfieldSpace.affine && spec.disableOut;
  if (spec.staticExecution)
    return;
  if (!spec.inputSize)
    config.error("input_size",
                 "is required unless in static-only execution (all three "
                 "inputs static, no Hopfield-space norm, out projection "
                 "disabled, not connected)");
  int64_t heads = spec.numHeads;
  spec.embedDim = *spec.inputSize;
  spec.storedDim = spec.storedSize.value_or(spec.embedDim);
  spec.projectionDim = spec.projectionSize.value_or(spec.embedDim);
  if (spec.hiddenSize) {
    if (*spec.hiddenSize <= 0)
      config.error("hidden_size", "must be positive");
    spec.headDim = *spec.hiddenSize;
  } else {
    if (spec.embedDim % heads != 0)
      config.error("input_size", "(" + std::to_string(spec.embedDim) +
                                     ") must be divisible by num_heads (" +
                                     std::to_string(heads) +
                                     ") when hidden_size is not given");
    spec.headDim = spec.embedDim / heads;
  }
  spec.patternDim = spec.patternSize.value_or(spec.headDim);
  spec.outDim = spec.outputSize.value_or(spec.embedDim);
  spec.packed = spec.storedDim == spec.embedDim &&
                spec.projectionDim == spec.embedDim && !spec.patternSize &&
                !spec.connected;
  if (spec.connected && spec.storedDim != spec.projectionDim)
    config.error("pattern_projection_as_connected",
                 "needs stored_pattern_size == pattern_projection_size");
  if (spec.connected && spec.patternDim != spec.headDim)
    config.error("pattern_projection_as_connected",
                 "needs pattern_size == hidden_size");
}

HopfieldSpec
hopfield::reference::parseHopfieldSpec(const Config &config, bool withEps,
                                       const std::set<std::string> &extraFields,
                                       const std::string &op) {
  std::set<std::string> known = kHopfieldFields;
  known.insert(extraFields.begin(), extraFields.end());
  if (withEps)
    for (const char *norm : kNorms)
      known.insert(std::string("normalize_") + norm + "_eps");
  config.checkKnown(known, op);

  HopfieldSpec spec;
  spec.numHeads = config.getInt("num_heads", 1);
  if (spec.numHeads < 1)
    config.error("num_heads", "must be positive");
  spec.inputSize = config.getOptionalInt("input_size");
  spec.hiddenSize = config.getOptionalInt("hidden_size");
  spec.outputSize = config.getOptionalInt("output_size");
  spec.patternSize = config.getOptionalInt("pattern_size");
  spec.storedSize = config.getOptionalInt("stored_pattern_size");
  spec.projectionSize = config.getOptionalInt("pattern_projection_size");
  parseRetrieval(config, spec);

  NormSpec *norms[] = {&spec.normStored, &spec.normState, &spec.normProjection,
                       &spec.normHopfieldSpace};
  for (int i = 0; i < 4; ++i) {
    std::string field = std::string("normalize_") + kNorms[i];
    bool input = i < 3; // the three input norms default to on
    norms[i]->enabled = config.getBool(field, input);
    norms[i]->affine = config.getBool(field + "_affine", input);
    norms[i]->eps = config.getNumber(field + "_eps", 1e-5);
    if (norms[i]->affine && !norms[i]->enabled)
      config.error(field + "_affine",
                   "is true while '" + field +
                       "' is false (hflayers asserts; set both to false)");
  }
  spec.storedStatic = config.getBool("stored_pattern_as_static", false);
  spec.stateStatic = config.getBool("state_pattern_as_static", false);
  spec.projectionStatic = config.getBool("pattern_projection_as_static", false);
  spec.connected = config.getBool("pattern_projection_as_connected", false);
  spec.batchFirst = config.getBool("batch_first", true);
  spec.inputBias = config.getBool("input_bias", true);
  spec.concatBiasPattern = config.getBool("concat_bias_pattern", false);
  spec.addZero = config.getBool("add_zero_association", false);
  spec.disableOut = config.getBool("disable_out_projection", false);
  config.getNumber("dropout", 0.0); // inactive at inference
  if (auto name = config.getOptionalString("association_activation")) {
    try {
      activationByName(*name);
    } catch (const std::runtime_error &e) {
      config.error("association_activation", e.what());
    }
    spec.activation = *name;
  }
  deriveSizes(config, spec);
  if (spec.normHopfieldSpace.affine && !spec.hiddenSize)
    config.error("normalize_hopfield_space_affine",
                 "needs an explicit hidden_size (the affine parameters are "
                 "sized by it; hflayers fails without it)");
  if (spec.concatBiasPattern && spec.storedStatic && spec.projectionStatic)
    config.error("concat_bias_pattern",
                 "cannot be used with static stored patterns and projections");
  return spec;
}

std::vector<double> HopfieldSpec::beta() const {
  if (scaling)
    return *scaling;
  double beta = staticExecution ? 1.0 : 1.0 / std::sqrt(double(headDim));
  return std::vector<double>(numHeads, beta);
}

WeightShapes
hopfield::reference::hopfieldWeightShapes(const HopfieldSpec &spec) {
  WeightShapes shapes;
  const std::string core = "association_core.";
  int64_t hidden = spec.numHeads * spec.headDim;
  int64_t pattern = spec.numHeads * spec.patternDim;
  bool q = !spec.stateStatic, k = !spec.storedStatic,
       v = !spec.projectionStatic;
  if (spec.normHopfieldSpace.affine) {
    shapes.push_back({core + "p_norm_weight", {*spec.hiddenSize}});
    shapes.push_back({core + "p_norm_bias", {*spec.hiddenSize}});
  }
  if (spec.numNonStatic() > 0 && spec.packed) {
    int64_t rows = q * hidden + k * hidden + v * pattern;
    shapes.push_back({core + "in_proj_weight", {rows, spec.embedDim}});
  } else if (spec.numNonStatic() > 0) {
    if (q)
      shapes.push_back({core + "q_proj_weight", {hidden, spec.embedDim}});
    if (k)
      shapes.push_back({core + "k_proj_weight", {hidden, spec.storedDim}});
    if (v)
      shapes.push_back(
          {core + "v_proj_weight",
           {pattern, spec.connected && k ? hidden : spec.projectionDim}});
  }
  if (spec.inputBias && spec.numNonStatic() > 0)
    shapes.push_back(
        {core + "in_proj_bias", {q * hidden + k * hidden + pattern}});
  if (!spec.disableOut) {
    shapes.push_back({core + "out_proj.weight", {spec.outDim, pattern}});
    if (spec.inputBias)
      shapes.push_back({core + "out_proj.bias", {spec.outDim}});
  }
  if (spec.concatBiasPattern) {
    if (k)
      shapes.push_back({core + "bias_k", {1, 1, hidden}});
    if (v)
      shapes.push_back({core + "bias_v", {1, 1, hidden}});
  }
  // The input LayerNorms: Y over stored_pattern_size (or input_size), R over
  // input_size, P over pattern_projection_size (or input_size).
  struct InputNorm {
    const char *name;
    const NormSpec &norm;
    std::optional<int64_t> size;
    const char *sizeField;
  };
  for (const InputNorm &in :
       {InputNorm{"norm_stored_pattern", spec.normStored,
                  spec.storedSize ? spec.storedSize : spec.inputSize,
                  "stored_pattern_size"},
        InputNorm{"norm_state_pattern", spec.normState, spec.inputSize,
                  "input_size"},
        InputNorm{"norm_pattern_projection", spec.normProjection,
                  spec.projectionSize ? spec.projectionSize : spec.inputSize,
                  "pattern_projection_size"}}) {
    if (!in.norm.enabled)
      continue;
    if (!in.size)
      fail(std::string(in.name) + " needs input_size or " + in.sizeField);
    if (in.norm.affine) {
      shapes.push_back({std::string(in.name) + ".weight", {*in.size}});
      shapes.push_back({std::string(in.name) + ".bias", {*in.size}});
    }
  }
  return shapes;
}
