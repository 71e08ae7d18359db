//===- HopfieldConfig.cpp - config of a Hopfield node ---------------------===//

#include "frontend/HopfieldConfig.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Every argument of hflayers' Hopfield constructor (SPEC 3.3).
const StringRef kHopfieldKeys[] = {
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
    "normalize_stored_pattern_eps",
    "normalize_state_pattern",
    "normalize_state_pattern_affine",
    "normalize_state_pattern_eps",
    "normalize_pattern_projection",
    "normalize_pattern_projection_affine",
    "normalize_pattern_projection_eps",
    "normalize_hopfield_space",
    "normalize_hopfield_space_affine",
    "normalize_hopfield_space_eps",
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

constexpr const char *kStaticOnly =
    "only static execution: stored_pattern_as_static, state_pattern_as_static, "
    "pattern_projection_as_static and disable_out_projection true; every "
    "normalize_* flag, pattern_projection_as_connected and "
    "add_zero_association false";

/// A flag that static execution needs at `required`; `libraryDefault` is
/// hflayers' default for it.
struct RequiredFlag {
  StringRef key;
  bool libraryDefault;
  bool required;
};

const RequiredFlag kRequiredFlags[] = {
    {"stored_pattern_as_static", false, true},
    {"state_pattern_as_static", false, true},
    {"pattern_projection_as_static", false, true},
    {"disable_out_projection", false, true},
    {"normalize_stored_pattern", true, false},
    {"normalize_stored_pattern_affine", true, false},
    {"normalize_state_pattern", true, false},
    {"normalize_state_pattern_affine", true, false},
    {"normalize_pattern_projection", true, false},
    {"normalize_pattern_projection_affine", true, false},
    {"normalize_hopfield_space", false, false},
    {"normalize_hopfield_space_affine", false, false},
    {"pattern_projection_as_connected", false, false},
    {"add_zero_association", false, false},
};

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

std::string formatList(ArrayRef<double> values) {
  std::string text = "[";
  for (auto [i, v] : llvm::enumerate(values)) {
    if (i)
      text += ", ";
    text += Json(v).dump();
  }
  return text + "]";
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

LogicalResult readScaling(const ModelNode &node, const NodeConfig &config,
                          ImportDiagnostics &diag, HopfieldSettings &out) {
  const Json *scaling = config.get("scaling");
  if (!scaling) {
    // Static execution: hflayers uses 1.0, not 1/sqrt(hd).
    out.beta = 1.0;
    return success();
  }
  auto readBeta = [](const Json &v) -> std::optional<double> {
    if (!isPositiveFinite(v))
      return std::nullopt;
    return v.get<double>();
  };
  SmallVector<double> betas;
  if (failed(readPerHead<double>(config, "scaling", *scaling, out.heads,
                                 "a positive number", readBeta, betas)))
    return failure();
  if (betas.size() == 1) {
    out.beta = betas.front();
    return success();
  }
  out.beta = 1.0;
  out.headBeta = betas;
  diag.warning(node.name,
               "per-head scaling " + formatList(betas) +
                   " scales the scores of head h by scaling[h]; hflayers "
                   "tiles a scaling tensor over the features instead, so its "
                   "results differ (SPEC 3.10 Q1)");
  return success();
}

} // namespace

FailureOr<HopfieldSettings>
mlir::hopfield::readHopfieldConfig(const ModelNode &node,
                                   ImportDiagnostics &diag) {
  NodeConfig config(node, diag);
  if (failed(config.checkKeys(kHopfieldKeys)))
    return failure();

  for (const RequiredFlag &flag : kRequiredFlags) {
    FailureOr<bool> value = config.getBool(flag.key, flag.libraryDefault);
    if (failed(value))
      return failure();
    if (*value != flag.required)
      return config.unsupported(flag.key, kStaticOnly,
                                flag.libraryDefault ? "true" : "false");
  }

  // Sizes are ignored in static execution (hflayers drops them too), but
  // must still be well-formed.
  for (StringRef key :
       {"input_size", "hidden_size", "output_size", "pattern_size",
        "stored_pattern_size", "pattern_projection_size"})
    if (failed(config.getInt(key, int64_t(0), 1)))
      return failure();
  for (StringRef key :
       {"normalize_stored_pattern_eps", "normalize_state_pattern_eps",
        "normalize_pattern_projection_eps", "normalize_hopfield_space_eps"})
    if (failed(config.getNumber(key, 1.0e-5)))
      return failure();

  FailureOr<double> dropout = config.getNumber("dropout", 0.0);
  if (failed(dropout))
    return failure();
  if (*dropout < 0.0 || *dropout > 1.0)
    return config.invalid("dropout", "a probability in [0, 1] (dropout is "
                                     "inactive in inference)");
  if (failed(config.getBool("input_bias", true)))
    return failure();
  FailureOr<bool> concatBias = config.getBool("concat_bias_pattern", false);
  if (failed(concatBias))
    return failure();
  if (*concatBias)
    diag.warning(node.name,
                 "config 'concat_bias_pattern' = true is ignored: it is a "
                 "no-op in hflayers (SPEC 3.10 Q3, 9.2)");
  if (const Json *activation = config.get("association_activation")) {
    if (!activation->is_string())
      return config.invalid("association_activation",
                            "null or the name of a torch function");
    return config.unsupported("association_activation",
                              "association activations are not supported; "
                              "use null");
  }

  HopfieldSettings settings;
  FailureOr<int64_t> heads = config.getInt("num_heads", int64_t(1), 1);
  FailureOr<bool> batchFirst = config.getBool("batch_first", true);
  if (failed(heads) || failed(batchFirst))
    return failure();
  settings.heads = *heads;
  settings.batchFirst = *batchFirst;
  if (failed(readScaling(node, config, diag, settings)) ||
      failed(readStopRule(config, settings)))
    return failure();
  return settings;
}
