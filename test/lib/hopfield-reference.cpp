//===- hopfield-reference.cpp - float64 reference interpreter -------------===//
//
// hopfield-reference MODEL.json --inputs IN.json [--outputs OUT.json]
//
// Interprets a model description (format "hopfield-model/1", DESIGN.md §5,
// hflayers nodes as docs/HflayersNodes.md writes them) in float64 with naive
// loops and writes every model output, plus "<node>:steps" (int64, one entry
// per head) for every node with a Hopfield association, as a JSON object
// name -> {"shape","dtype","data"}. The end-to-end tests compare the compiled
// artifacts against it. It is the independent oracle: plain C++, no MLIR and
// no code shared with the compiler.
//
// Ops: Linear, LayerNorm, Hopfield, HopfieldPooling, HopfieldLayer,
// HopfieldEncoderLayer, HopfieldDecoderLayer (Nodes.h).
//
//===----------------------------------------------------------------------===//

#include "Nodes.h"

#include <fstream>
#include <iostream>

using namespace hopfield::reference;
namespace fs = std::filesystem;

/// The ops and their evaluation.
static const std::map<std::string, NodeResult (*)(const Node &)> kOps = {
    {"Linear", runLinear},
    {"LayerNorm", runLayerNorm},
    {"Add", runAdd},
    {"ResidualMix", runResidualMix},
    {"GELU", runGELU},
    {"ModernHopfieldAttention", runModernHopfieldAttention},
    {"Hopfield", runHopfield},
    {"HopfieldPooling", runHopfieldPooling},
    {"HopfieldLayer", runHopfieldLayer},
    {"HopfieldEncoderLayer", runHopfieldEncoderLayer},
    {"HopfieldDecoderLayer", runHopfieldDecoderLayer}};

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
    std::string name = nodeJson.at("name").get<std::string>();
    std::string where = "node '" + name + "'";
    Json config = nodeJson.value("config", Json::object());
    if (!config.is_object())
      fail(file + where + ": 'config' must be an object");
    Node node{name,
              nodeJson.at("op").get<std::string>(),
              Config(config, where),
              {},
              {}};
    for (auto &[field, value] : nodeJson.items())
      if (field != "name" && field != "op" && field != "inputs" &&
          field != "config" && field != "weights")
        fail(file + where + ": unknown field '" + field + "'");
    if (values.count(name))
      fail(file + where + ": the name is already used");
    Json weights = nodeJson.value("weights", Json::object());
    for (auto &[key, value] : weights.items())
      node.weights[key] =
          parseTensor(value, file + where + ": weight '" + key + "'", baseDir);
    for (auto &[role, value] : nodeJson.at("inputs").items()) {
      std::string ref = value.get<std::string>();
      if (!values.count(ref))
        fail(file + where + ": input '" + role + "' refers to '" + ref +
             "', which is not a model input or an earlier node");
      node.inputs[role] = values[ref];
    }
    try {
      auto op = kOps.find(node.op);
      if (op == kOps.end()) {
        std::string known;
        for (const auto &[opName, fn] : kOps)
          known += (known.empty() ? "" : ", ") + opName;
        fail(where + ": unknown op '" + node.op + "' (expected one of " +
             known + ")");
      }
      NodeResult r = op->second(node);
      values[name] = std::move(r.value);
      for (auto &[suffix, value] : r.extra)
        values[name + suffix] = std::move(value);
      for (auto &[suffix, counts] : r.steps) {
        Tensor t{{static_cast<int64_t>(counts.size())}, {}, false};
        t.data.assign(counts.begin(), counts.end());
        steps[name + suffix] = tensorToJson(t, /*asInt64=*/true);
      }
    } catch (const Json::exception &e) {
      fail(file + where + ": bad config value: " + e.what());
    } catch (const std::runtime_error &e) {
      std::string message = e.what();
      if (message.rfind("node '", 0) != 0)
        message = where + ": " + message;
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
