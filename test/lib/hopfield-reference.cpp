//===- hopfield-reference.cpp - float64 reference interpreter -------------===//
//
// hopfield-reference MODEL.json --inputs IN.json [--outputs OUT.json]
//
// Interprets a model description (format "hopfield-model/1", DESIGN.md §5)
// in float64 with the naive ops of ReferenceModel.h and writes every model
// output, plus "<node>:steps" (int64, one entry per head) for every Hopfield
// node, as a JSON object name -> {"shape","dtype","data"}. The end-to-end
// tests compare the compiled artifacts against it. Supported ops: `Hopfield`
// in static execution, `Linear`, `LayerNorm`.
//
//===----------------------------------------------------------------------===//

#include "ReferenceModel.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

using namespace hopfield::reference;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

[[noreturn]] static void fail(const std::string &message) {
  throw std::runtime_error(message);
}

static Json readJson(const fs::path &path) {
  std::ifstream in(path);
  if (!in)
    fail(path.string() + ": cannot open");
  try {
    return Json::parse(in);
  } catch (const Json::exception &e) {
    fail(path.string() + ": invalid JSON: " + e.what());
  }
}

/// Reads tensor `key` of a safetensors file (F32, F64, BOOL or I64).
static Tensor readSafetensors(const fs::path &path, const std::string &key) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail(path.string() + ": cannot open");
  unsigned char sizeBytes[8];
  if (!in.read(reinterpret_cast<char *>(sizeBytes), 8))
    fail(path.string() + ": not a safetensors file (no header size)");
  uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = headerSize << 8 | sizeBytes[i];
  std::string headerText(headerSize, '\0');
  if (headerSize > (1u << 30) || !in.read(headerText.data(), headerSize))
    fail(path.string() + ": truncated safetensors header");
  Json header = Json::parse(headerText, nullptr, false);
  if (header.is_discarded() || !header.is_object())
    fail(path.string() + ": the safetensors header is not a JSON object");
  if (!header.contains(key))
    fail(path.string() + ": no tensor named '" + key + "'");
  const Json &entry = header[key];
  std::string dtype = entry.at("dtype").get<std::string>();
  std::map<std::string, size_t> widths = {
      {"F32", 4}, {"F64", 8}, {"BOOL", 1}, {"I64", 8}};
  if (!widths.count(dtype))
    fail(path.string() + ": tensor '" + key + "' has dtype " + dtype +
         ", expected F32, F64, BOOL or I64");
  Tensor t;
  t.shape = entry.at("shape").get<std::vector<int64_t>>();
  t.isBool = dtype == "BOOL";
  auto offsets = entry.at("data_offsets").get<std::vector<uint64_t>>();
  size_t count = static_cast<size_t>(t.numElements());
  if (offsets.size() != 2 || offsets[1] - offsets[0] != count * widths[dtype])
    fail(path.string() + ": tensor '" + key +
         "' has data_offsets inconsistent with its shape");
  std::vector<char> bytes(offsets[1] - offsets[0]);
  in.seekg(static_cast<std::streamoff>(8 + headerSize + offsets[0]));
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    fail(path.string() + ": tensor '" + key + "' is truncated");
  t.data.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const char *p = bytes.data() + i * widths[dtype];
    if (dtype == "F32") {
      float v;
      std::memcpy(&v, p, 4);
      t.data[i] = v;
    } else if (dtype == "F64") {
      std::memcpy(&t.data[i], p, 8);
    } else if (dtype == "I64") {
      int64_t v;
      std::memcpy(&v, p, 8);
      t.data[i] = static_cast<double>(v);
    } else {
      t.data[i] = *p ? 1.0 : 0.0;
    }
  }
  return t;
}

/// Decodes an inline tensor or a {"file","key"} reference (relative to
/// `baseDir`); `what` names the tensor in error messages.
static Tensor parseTensor(const Json &j, const std::string &what,
                          const fs::path &baseDir) {
  if (!j.is_object())
    fail(what + ": expected a tensor object");
  if (j.contains("file")) {
    for (auto &[field, value] : j.items())
      if (field != "file" && field != "key")
        fail(what + ": unknown field '" + field + "' in a file reference");
    return readSafetensors(baseDir / j.at("file").get<std::string>(),
                           j.at("key").get<std::string>());
  }
  for (auto &[field, value] : j.items())
    if (field != "shape" && field != "dtype" && field != "data")
      fail(what + ": unknown field '" + field + "'");
  if (!j.contains("shape") || !j.contains("data"))
    fail(what + ": a tensor needs 'shape' and 'data'");
  Tensor t;
  t.shape = j.at("shape").get<std::vector<int64_t>>();
  std::string dtype = j.value("dtype", "float64");
  if (dtype != "float32" && dtype != "float64" && dtype != "bool" &&
      dtype != "int64")
    fail(what + ": dtype '" + dtype +
         "', expected float32, float64, bool or int64");
  t.isBool = dtype == "bool";
  const Json &data = j.at("data");
  if (!data.is_array() || static_cast<int64_t>(data.size()) != t.numElements())
    fail(what + ": 'data' must be a flat array of " +
         std::to_string(t.numElements()) + " elements for shape " +
         t.shapeString());
  for (const Json &v : data) {
    if (v.is_boolean())
      t.data.push_back(v.get<bool>() ? 1.0 : 0.0);
    else if (v.is_number())
      t.data.push_back(v.get<double>());
    else
      fail(what + ": element '" + v.dump() + "' is not a number");
  }
  return t;
}

static Json tensorToJson(const Tensor &t, bool asInt64) {
  Json j;
  j["shape"] = t.shape;
  j["dtype"] = asInt64 ? "int64" : "float64";
  Json data = Json::array();
  for (double v : t.data)
    asInt64 ? data.push_back(static_cast<int64_t>(v)) : data.push_back(v);
  j["data"] = std::move(data);
  return j;
}

namespace {
/// One node of the model while it is evaluated.
struct Node {
  std::string name, op;
  Json config;
  std::map<std::string, Tensor> weights;
  std::map<std::string, Tensor> inputs;

  std::string where() const { return "node '" + name + "'"; }

  /// Rejects config fields outside `known`.
  void checkConfig(const std::set<std::string> &known) const {
    for (auto &[field, value] : config.items())
      if (!known.count(field))
        fail(where() + ": unknown config field '" + field + "' for op " + op);
  }
  /// Rejects weights and input roles outside the given sets.
  void checkNames(const std::set<std::string> &knownWeights,
                  const std::set<std::string> &knownRoles) const {
    for (auto &[weight, value] : weights)
      if (!knownWeights.count(weight))
        fail(where() + ": unexpected weight '" + weight + "' for op " + op);
    for (auto &[role, value] : inputs)
      if (!knownRoles.count(role))
        fail(where() + ": unknown input role '" + role + "' for op " + op);
  }
  /// Config field `field`, or `fallback` when it is absent or null.
  Json get(const std::string &field, const Json &fallback) const {
    return config.contains(field) && !config[field].is_null() ? config[field]
                                                              : fallback;
  }
  /// Required integer config field `field`.
  int64_t getInt(const std::string &field) const {
    Json v = get(field, Json());
    if (!v.is_number_integer())
      fail(where() + ": config '" + field + "' must be an integer");
    return v.get<int64_t>();
  }
  const Tensor &input(const std::string &role) const {
    auto it = inputs.find(role);
    if (it == inputs.end())
      fail(where() + ": missing input role '" + role + "'");
    return it->second;
  }
  const Tensor *optionalInput(const std::string &role) const {
    auto it = inputs.find(role);
    return it == inputs.end() ? nullptr : &it->second;
  }
  const Tensor *weight(const std::string &key) const {
    auto it = weights.find(key);
    return it == weights.end() ? nullptr : &it->second;
  }
};
} // namespace

/// Expands a per-head config value (scalar or list of `numHeads`) to a list.
static std::vector<Json> perHead(const Node &node, const std::string &field,
                                 const Json &value, int64_t numHeads) {
  if (!value.is_array())
    return std::vector<Json>(numHeads, value);
  if (static_cast<int64_t>(value.size()) != numHeads)
    fail(node.where() + ": config '" + field + "' has " +
         std::to_string(value.size()) +
         " entries, expected num_heads = " + std::to_string(numHeads));
  return value.get<std::vector<Json>>();
}

static Tensor runLinear(const Node &node) {
  node.checkConfig({"in_features", "out_features", "bias"});
  node.checkNames({"weight", "bias"}, {"input"});
  const Tensor *weight = node.weight("weight");
  if (!weight)
    fail(node.where() + ": missing weight 'weight'");
  bool hasBias = node.get("bias", true).get<bool>();
  if (hasBias != (node.weight("bias") != nullptr))
    fail(node.where() + (hasBias ? ": missing weight 'bias'"
                                 : ": weight 'bias' given with bias=false"));
  int64_t in = node.getInt("in_features");
  int64_t out = node.getInt("out_features");
  if (weight->shape != std::vector<int64_t>{out, in})
    fail(node.where() + ": weight 'weight' has shape " + weight->shapeString() +
         ", expected [" + std::to_string(out) + "," + std::to_string(in) +
         "] (out_features, in_features)");
  return linear(node.input("input"), *weight, node.weight("bias"));
}

static Tensor runLayerNorm(const Node &node) {
  node.checkConfig({"normalized_shape", "eps", "elementwise_affine", "bias"});
  node.checkNames({"weight", "bias"}, {"input"});
  Json shape = node.get("normalized_shape", Json());
  if (shape.is_null())
    fail(node.where() + ": missing config 'normalized_shape'");
  std::vector<int64_t> dims = shape.is_array()
                                  ? shape.get<std::vector<int64_t>>()
                                  : std::vector<int64_t>{shape.get<int64_t>()};
  const Tensor &x = node.input("input");
  if (dims.size() > x.shape.size() ||
      !std::equal(dims.begin(), dims.end(), x.shape.end() - dims.size()))
    fail(node.where() +
         ": normalized_shape does not match the trailing "
         "dimensions of the input " +
         x.shapeString());
  bool affine = node.get("elementwise_affine", true).get<bool>();
  bool hasBias = affine && node.get("bias", true).get<bool>();
  if (affine != (node.weight("weight") != nullptr) ||
      hasBias != (node.weight("bias") != nullptr))
    fail(node.where() + ": weights 'weight'/'bias' must be given exactly when "
                        "elementwise_affine (and bias) are true");
  return layerNorm(x, dims.size(), node.weight("weight"), node.weight("bias"),
                   node.get("eps", 1e-5).get<double>());
}

/// Every constructor argument of hflayers.Hopfield (SPEC.md §3.3).
static const std::set<std::string> hopfieldFields = {
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
    "disable_out_projection"};

static StaticHopfieldResult runHopfield(const Node &node) {
  node.checkConfig(hopfieldFields);
  // Only static execution (SPEC §3.6) is in scope: check every flag that
  // would add a parameter or an operation: {field, hflayers' default, the
  // value static execution needs}.
  struct Flag {
    const char *field;
    bool libraryDefault, required;
  };
  for (const Flag &flag :
       {Flag{"normalize_stored_pattern", true, false},
        Flag{"normalize_stored_pattern_affine", true, false},
        Flag{"normalize_state_pattern", true, false},
        Flag{"normalize_state_pattern_affine", true, false},
        Flag{"normalize_pattern_projection", true, false},
        Flag{"normalize_pattern_projection_affine", true, false},
        Flag{"stored_pattern_as_static", false, true},
        Flag{"state_pattern_as_static", false, true},
        Flag{"pattern_projection_as_static", false, true},
        Flag{"disable_out_projection", false, true}})
    if (node.get(flag.field, flag.libraryDefault).get<bool>() != flag.required)
      fail(node.where() +
           ": hopfield-reference supports static execution "
           "only; config '" +
           flag.field + "' must be " + (flag.required ? "true" : "false"));
  for (const char *field :
       {"normalize_hopfield_space", "normalize_hopfield_space_affine",
        "pattern_projection_as_connected", "add_zero_association"})
    if (node.get(field, false).get<bool>())
      fail(node.where() + ": config '" + field +
           "' is not supported by hopfield-reference");
  if (!node.get("association_activation", Json()).is_null())
    fail(node.where() + ": config 'association_activation' is not supported "
                        "by hopfield-reference");

  node.checkNames({}, {"input", "stored_pattern", "state_pattern",
                       "pattern_projection", "stored_pattern_padding_mask",
                       "association_mask"});

  StaticHopfieldConfig config;
  config.numHeads = node.get("num_heads", 1).get<int64_t>();
  if (config.numHeads < 1)
    fail(node.where() + ": config 'num_heads' must be positive");
  config.batchFirst = node.get("batch_first", true).get<bool>();
  int64_t numHeads = config.numHeads;
  for (const Json &v :
       perHead(node, "scaling", node.get("scaling", 1.0), numHeads))
    config.beta.push_back(v.get<double>());
  Json maxSteps = node.config.contains("update_steps_max")
                      ? node.config["update_steps_max"]
                      : Json(0);
  for (const Json &v : perHead(node, "update_steps_max", maxSteps, numHeads))
    config.maxSteps.push_back(v.is_null() || v.get<int64_t>() < 0
                                  ? std::nullopt
                                  : std::optional<int64_t>(v.get<int64_t>()));
  for (const Json &v : perHead(node, "update_steps_eps",
                               node.get("update_steps_eps", 1e-4), numHeads))
    config.eps.push_back(v.get<double>());

  bool single = node.optionalInput("input") != nullptr;
  if (single == (node.optionalInput("stored_pattern") != nullptr))
    fail(node.where() + ": give either role 'input' or the roles "
                        "stored_pattern, state_pattern, pattern_projection");
  const Tensor &stored = node.input(single ? "input" : "stored_pattern");
  const Tensor &state = node.input(single ? "input" : "state_pattern");
  const Tensor &projection =
      node.input(single ? "input" : "pattern_projection");

  // The size arguments (input_size, hidden_size, ...) have no effect in
  // static execution: the patterns' own widths are used.
  return staticHopfield(config, stored, state, projection,
                        node.optionalInput("stored_pattern_padding_mask"),
                        node.optionalInput("association_mask"));
}

/// Evaluates the model on the inputs and returns the output JSON object.
static Json runModel(const fs::path &modelPath, const fs::path &inputsPath) {
  Json model = readJson(modelPath);
  Json inputs = readJson(inputsPath);
  fs::path baseDir = modelPath.parent_path();
  std::string file = modelPath.string() + ": ";
  for (auto &[field, value] : model.items())
    if (field != "format" && field != "name" && field != "inputs" &&
        field != "nodes" && field != "outputs")
      fail(file + "unknown field '" + field + "'");
  if (model.value("format", "") != "hopfield-model/1")
    fail(file + "field 'format' must be \"hopfield-model/1\"");

  std::map<std::string, Tensor> values;
  for (auto &[name, decl] : model.at("inputs").items()) {
    if (!inputs.contains(name))
      fail(inputsPath.string() + ": missing model input '" + name + "'");
    Tensor t = parseTensor(inputs[name],
                           inputsPath.string() + ": input '" + name + "'",
                           inputsPath.parent_path());
    const Json &shape = decl.at("shape");
    bool shapeOk = shape.size() == t.shape.size();
    for (size_t i = 0; shapeOk && i < shape.size(); ++i)
      shapeOk = shape[i].is_null() || shape[i].get<int64_t>() == t.shape[i];
    if (!shapeOk)
      fail(inputsPath.string() + ": input '" + name + "' has shape " +
           t.shapeString() + ", the model declares " + shape.dump());
    if ((decl.value("dtype", "float32") == "bool") != t.isBool)
      fail(inputsPath.string() + ": input '" + name +
           "' has the wrong dtype, "
           "the model declares " +
           decl.value("dtype", "float32"));
    values[name] = std::move(t);
  }

  Json result = Json::object();
  Json steps = Json::object();
  for (const Json &nodeJson : model.at("nodes")) {
    Node node{nodeJson.at("name").get<std::string>(),
              nodeJson.at("op").get<std::string>(),
              nodeJson.value("config", Json::object()),
              {},
              {}};
    for (auto &[field, value] : nodeJson.items())
      if (field != "name" && field != "op" && field != "inputs" &&
          field != "config" && field != "weights")
        fail(file + node.where() + ": unknown field '" + field + "'");
    if (values.count(node.name))
      fail(file + node.where() + ": the name is already used");
    Json weights = nodeJson.value("weights", Json::object());
    for (auto &[key, value] : weights.items())
      node.weights[key] = parseTensor(
          value, file + node.where() + ": weight '" + key + "'", baseDir);
    for (auto &[role, value] : nodeJson.at("inputs").items()) {
      std::string ref = value.get<std::string>();
      if (!values.count(ref))
        fail(file + node.where() + ": input '" + role + "' refers to '" + ref +
             "', which is not a model input or an earlier node");
      node.inputs[role] = values[ref];
    }
    try {
      if (node.op == "Hopfield") {
        StaticHopfieldResult r = runHopfield(node);
        values[node.name] = std::move(r.output);
        Tensor t{{static_cast<int64_t>(r.steps.size())}, {}, false};
        t.data.assign(r.steps.begin(), r.steps.end());
        steps[node.name + ":steps"] = tensorToJson(t, /*asInt64=*/true);
      } else if (node.op == "Linear") {
        values[node.name] = runLinear(node);
      } else if (node.op == "LayerNorm") {
        values[node.name] = runLayerNorm(node);
      } else {
        fail(node.where() + ": op '" + node.op +
             "' is not supported by hopfield-reference (Hopfield in static "
             "execution, Linear, LayerNorm)");
      }
    } catch (const Json::exception &e) {
      fail(file + node.where() + ": bad config value: " + e.what());
    } catch (const std::runtime_error &e) {
      std::string message = e.what();
      if (message.rfind("node '", 0) != 0)
        message = node.where() + ": " + message;
      fail(file + message);
    }
  }

  for (auto &[name, ref] : model.at("outputs").items()) {
    std::string value = ref.get<std::string>();
    if (!values.count(value))
      fail(file + "output '" + name + "' refers to unknown value '" + value +
           "'");
    result[name] = tensorToJson(values[value], /*asInt64=*/false);
  }
  for (auto &[name, value] : steps.items())
    result[name] = value;
  return result;
}

int main(int argc, char **argv) {
  std::string usage = "usage: hopfield-reference MODEL.json --inputs IN.json "
                      "[--outputs OUT.json]\n";
  std::string modelPath, inputsPath, outputsPath;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--inputs" || arg == "--outputs") && i + 1 < argc)
      (arg == "--inputs" ? inputsPath : outputsPath) = argv[++i];
    else if (arg == "-h" || arg == "--help") {
      std::cout << usage;
      return 0;
    } else if (arg[0] != '-' && modelPath.empty())
      modelPath = arg;
    else {
      std::cerr << "hopfield-reference: unexpected argument '" << arg << "'\n"
                << usage;
      return 2;
    }
  }
  if (modelPath.empty() || inputsPath.empty()) {
    std::cerr << usage;
    return 2;
  }
  try {
    Json result = runModel(modelPath, inputsPath);
    if (outputsPath.empty()) {
      std::cout << result.dump() << "\n";
      return 0;
    }
    std::ofstream out(outputsPath);
    out << result.dump() << "\n";
    if (!out)
      fail(outputsPath + ": cannot write");
  } catch (const Json::exception &e) {
    std::cerr << "hopfield-reference: error: " << modelPath << ": " << e.what()
              << "\n";
    return 1;
  } catch (const std::exception &e) {
    std::cerr << "hopfield-reference: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
