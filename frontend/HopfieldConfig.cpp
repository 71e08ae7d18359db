//===- HopfieldConfig.cpp - config of the hflayers nodes ------------------===//

#include "frontend/HopfieldConfig.h"
#include "frontend/LayerBuilders.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// The arguments every class shares, in hflayers' order (SPEC 3.3-3.5).
const StringRef kCommonKeys[] = {
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
    "disable_out_projection",
};

/// `Hopfield` also has the LayerNorm eps arguments.
const StringRef kEpsKeys[] = {
    "normalize_stored_pattern_eps", "normalize_state_pattern_eps",
    "normalize_pattern_projection_eps", "normalize_hopfield_space_eps"};
/// `HopfieldPooling` and `HopfieldLayer` have the learned patterns.
const StringRef kLookupKeys[] = {"quantity", "trainable"};
const StringRef kLayerKeys[] = {"lookup_weights_as_separated",
                                "lookup_targets_as_trainable"};

SmallVector<StringRef> keysOf(HopfieldClass kind) {
  SmallVector<StringRef> keys(std::begin(kCommonKeys), std::end(kCommonKeys));
  if (kind == HopfieldClass::Hopfield)
    keys.append(std::begin(kEpsKeys), std::end(kEpsKeys));
  else
    keys.append(std::begin(kLookupKeys), std::end(kLookupKeys));
  if (kind == HopfieldClass::Layer)
    keys.append(std::begin(kLayerKeys), std::end(kLayerKeys));
  return keys;
}

bool isPositiveFinite(const Json &value) {
  return value.is_number() && std::isfinite(value.get<double>()) &&
         value.get<double>() > 0.0;
}

/// Reads a config value that is a scalar or a list of one entry per head
/// into `out`; `readOne` converts one entry. A list whose entries are all
/// equal is folded to one entry.
template <typename T, typename ReadOne>
LogicalResult readPerHead(const NodeConfig &config, StringRef key,
                          const Json &value, int64_t heads, StringRef expected,
                          ReadOne readOne, SmallVector<T> &out) {
  auto fail = [&]() {
    return config.invalid(key, Twine(expected) + ", or a list of num_heads = " +
                                   Twine(heads) + " of them");
  };
  if (!value.is_array()) {
    std::optional<T> one = readOne(value);
    if (!one)
      return fail();
    out.assign(1, *one);
    return success();
  }
  if (static_cast<int64_t>(value.size()) != heads)
    return fail();
  out.clear();
  for (const Json &entry : value) {
    std::optional<T> one = readOne(entry);
    if (!one)
      return fail();
    out.push_back(*one);
  }
  if (llvm::all_equal(out))
    out.resize(1);
  return success();
}

LogicalResult readStopRule(const NodeConfig &config, HopfieldSettings &out) {
  // Absent: hflayers' default 0. null: Python's None, until converged. A
  // negative count also means "until converged" in hflayers.
  auto readSteps = [](const Json &v) -> std::optional<int64_t> {
    if (v.is_null())
      return int64_t(-1);
    if (!v.is_number_integer())
      return std::nullopt;
    return std::max<int64_t>(v.get<int64_t>(), -1);
  };
  const Json *steps = config.get("update_steps_max");
  if (!config.has("update_steps_max"))
    out.maxSteps.assign(1, 0);
  else if (failed(readPerHead<int64_t>(
               config, "update_steps_max", steps ? *steps : Json(), out.heads,
               "an integer >= 0 or null (until converged)", readSteps,
               out.maxSteps)))
    return failure();

  auto readEps = [](const Json &v) -> std::optional<double> {
    if (!isPositiveFinite(v))
      return std::nullopt;
    return v.get<double>();
  };
  const Json *eps = config.get("update_steps_eps");
  if (!eps)
    out.eps.assign(1, 1.0e-4);
  else if (failed(readPerHead<double>(config, "update_steps_eps", *eps,
                                      out.heads, "a positive number", readEps,
                                      out.eps)))
    return failure();
  return success();
}

LogicalResult readScaling(const NodeConfig &config, HopfieldSettings &out) {
  const Json *scaling = config.get("scaling");
  if (!scaling)
    return success();
  auto readBeta = [](const Json &v) -> std::optional<double> {
    if (!isPositiveFinite(v))
      return std::nullopt;
    return v.get<double>();
  };
  return readPerHead<double>(config, "scaling", *scaling, out.heads,
                             "a positive number", readBeta, out.scaling);
}

/// `normalize_<name>`, `_affine` and (where the class has it) `_eps`.
LogicalResult readNorm(const NodeConfig &config, StringRef name, bool defaultOn,
                       bool hasEps, NormSettings &out) {
  std::string key = ("normalize_" + name).str();
  std::string affineKey = key + "_affine";
  FailureOr<bool> enabled = config.getBool(key, defaultOn);
  FailureOr<bool> affine = config.getBool(affineKey, defaultOn);
  FailureOr<double> eps =
      hasEps ? config.getNumber(key + "_eps", 1.0e-5) : FailureOr<double>(1e-5);
  if (failed(enabled) || failed(affine) || failed(eps))
    return failure();
  if (*eps < 0.0)
    return config.invalid(key + "_eps", "a number >= 0");
  // hflayers asserts on an affine LayerNorm that is switched off.
  if (*affine && !*enabled)
    return config.invalid(affineKey,
                          "false when '" + key +
                              "' is false (hflayers rejects an affine "
                              "normalization that is switched off; set both "
                              "to false)",
                          defaultOn ? "true" : "false");
  out = NormSettings{*enabled, *affine, *eps};
  return success();
}

LogicalResult readSize(const NodeConfig &config, StringRef key,
                       std::optional<int64_t> &out) {
  if (!config.get(key))
    return success();
  FailureOr<int64_t> value = config.getInt(key, std::nullopt, 1);
  if (failed(value))
    return failure();
  out = *value;
  return success();
}

FailureOr<HopfieldSettings> readConfig(const ModelNode &node,
                                       const NodeConfig &config,
                                       HopfieldClass kind,
                                       ImportDiagnostics &diag) {
  if (failed(config.checkKeys(keysOf(kind))))
    return failure();
  HopfieldSettings s;
  s.kind = kind;
  FailureOr<int64_t> heads = config.getInt("num_heads", int64_t(1), 1);
  if (failed(heads))
    return failure();
  s.heads = *heads;
  for (auto [key, field] :
       {std::pair<StringRef, std::optional<int64_t> *>{"input_size",
                                                       &s.inputSize},
        {"hidden_size", &s.hiddenSize},
        {"output_size", &s.outputSize},
        {"pattern_size", &s.patternSize},
        {"stored_pattern_size", &s.storedPatternSize},
        {"pattern_projection_size", &s.patternProjectionSize}})
    if (failed(readSize(config, key, *field)))
      return failure();

  bool hasEps = kind == HopfieldClass::Hopfield;
  if (failed(readNorm(config, "stored_pattern", true, hasEps, s.normStored)) ||
      failed(readNorm(config, "state_pattern", true, hasEps, s.normState)) ||
      failed(readNorm(config, "pattern_projection", true, hasEps,
                      s.normProjection)) ||
      failed(readNorm(config, "hopfield_space", false, hasEps,
                      s.normHopfieldSpace)))
    return failure();

  struct Flag {
    StringRef key;
    bool defaultValue;
    bool *field;
  };
  bool trainable = true, targetsTrainable = true;
  SmallVector<Flag> flags = {
      {"stored_pattern_as_static", false, &s.storedStatic},
      {"state_pattern_as_static", false, &s.stateStatic},
      {"pattern_projection_as_static", false, &s.projectionStatic},
      {"pattern_projection_as_connected", false, &s.connected},
      {"batch_first", true, &s.batchFirst},
      {"input_bias", true, &s.inputBias},
      {"concat_bias_pattern", false, &s.concatBiasPattern},
      {"add_zero_association", false, &s.addZeroAssociation},
      {"disable_out_projection", false, &s.disableOutProjection}};
  if (kind != HopfieldClass::Hopfield)
    flags.push_back({"trainable", true, &trainable});
  if (kind == HopfieldClass::Layer) {
    flags.push_back(
        {"lookup_weights_as_separated", false, &s.separatedTargets});
    flags.push_back({"lookup_targets_as_trainable", true, &targetsTrainable});
  }
  for (const Flag &flag : flags) {
    FailureOr<bool> value = config.getBool(flag.key, flag.defaultValue);
    if (failed(value))
      return failure();
    *flag.field = *value;
  }
  if (kind != HopfieldClass::Hopfield) {
    FailureOr<int64_t> quantity = config.getInt("quantity", int64_t(1), 1);
    if (failed(quantity))
      return failure();
    s.quantity = *quantity;
  }

  FailureOr<double> dropout = config.getNumber("dropout", 0.0);
  if (failed(dropout))
    return failure();
  if (*dropout < 0.0 || *dropout > 1.0)
    return config.invalid("dropout", "a probability in [0, 1] (dropout is "
                                     "inactive in inference)");
  if (s.concatBiasPattern)
    diag.warning(node.name,
                 "config 'concat_bias_pattern' = true is ignored: it is a "
                 "no-op in hflayers (SPEC 3.10 Q3, 9.2)");
  if (const Json *activation = config.get("association_activation")) {
    if (!activation->is_string() ||
        !isActivation(activation->get<std::string>()))
      return config.invalid(
          "association_activation",
          "null or the name of an elementwise torch function: " +
              llvm::join(activationNames(), ", "));
    s.activation = activation->get<std::string>();
  }
  if (failed(readScaling(config, s)) || failed(readStopRule(config, s)))
    return failure();
  return s;
}

} // namespace

FailureOr<HopfieldSettings>
mlir::hopfield::readHopfieldConfig(const ModelNode &node, HopfieldClass kind,
                                   ImportDiagnostics &diag) {
  return readConfig(node, NodeConfig(node, diag), kind, diag);
}

FailureOr<HopfieldSettings>
mlir::hopfield::readNestedHopfieldConfig(const ModelNode &node,
                                         const Json &object, StringRef what,
                                         ImportDiagnostics &diag) {
  if (!object.is_object())
    return diag.nodeError(node.name, "config '" + what +
                                         "' = " + object.dump() +
                                         ": expected an object with the "
                                         "arguments of Hopfield(...)");
  return readConfig(node, NodeConfig(node, diag, object, (what + ".").str()),
                    HopfieldClass::Hopfield, diag);
}

FailureOr<HopfieldDims> mlir::hopfield::resolveHopfieldDims(
    const ModelNode &node, const HopfieldSettings &s, int64_t stateFeatures,
    int64_t projectionFeatures, ImportDiagnostics &diag) {
  HopfieldDims d;
  d.heads = s.heads;
  if (s.staticExecution()) {
    // No parameters: the patterns are used as they are.
    d.headDim = stateFeatures;
    d.patternDim = d.valueDim = projectionFeatures;
    d.output = s.heads * d.valueDim;
    d.defaultBeta = 1.0;
    return d;
  }
  if (!s.inputSize)
    return diag.nodeError(
        node.name,
        "config 'input_size' is required (an integer >= 1) unless the layer "
        "runs in static execution (all three *_as_static true, "
        "disable_out_projection true, no Hopfield-space normalization, not "
        "connected)");
  d.embed = *s.inputSize;
  d.storedSize = s.storedPatternSize.value_or(d.embed);
  d.projectionSize = s.patternProjectionSize.value_or(d.embed);
  if (s.stateStatic && s.storedStatic) {
    // hflayers takes the head dim from the static state pattern.
    d.headDim = stateFeatures;
  } else if (s.hiddenSize) {
    d.headDim = *s.hiddenSize;
  } else {
    if (d.embed % s.heads != 0)
      return diag.nodeError(node.name,
                            "config 'input_size' = " + Twine(d.embed) +
                                " is not divisible by 'num_heads' = " +
                                Twine(s.heads) + " (give 'hidden_size')");
    d.headDim = d.embed / s.heads;
  }
  d.patternDim = s.patternSize.value_or(d.headDim);
  if (s.connected) {
    if (d.storedSize != d.projectionSize)
      return diag.nodeError(
          node.name, "config 'pattern_projection_as_connected' = true needs "
                     "stored_pattern_size = pattern_projection_size (got " +
                         Twine(d.storedSize) + " and " +
                         Twine(d.projectionSize) + ")");
    if (d.patternDim != d.headDim)
      return diag.nodeError(
          node.name, "config 'pattern_projection_as_connected' = true needs "
                     "pattern_size = hidden_size (got " +
                         Twine(d.patternDim) + " and " + Twine(d.headDim) +
                         ")");
  }
  d.packed = d.storedSize == d.embed && d.projectionSize == d.embed &&
             !s.patternSize && !s.connected;
  bool throughKey = s.connected && !s.storedStatic;
  if (!s.projectionStatic)
    d.valueDim = d.patternDim;
  else
    d.valueDim = throughKey ? d.headDim : projectionFeatures;
  d.output = s.disableOutProjection ? s.heads * d.valueDim
                                    : s.outputSize.value_or(d.embed);
  d.defaultBeta = 1.0 / std::sqrt(static_cast<double>(d.headDim));
  return d;
}

std::string mlir::hopfield::describeSizes(const HopfieldSettings &s,
                                          const HopfieldDims &d) {
  std::string text = "num_heads = " + std::to_string(s.heads) +
                     ", head dim = " + std::to_string(d.headDim);
  if (d.embed)
    text = "input_size = " + std::to_string(d.embed) + ", " + text;
  if (d.patternDim != d.headDim)
    text += ", pattern dim = " + std::to_string(d.patternDim);
  return text;
}
