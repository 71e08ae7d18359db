//===- Flops.cpp - nominal FLOPs of one run of an artifact ----------------===//

#include "tools/hopfield-run/Flops.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace hopfield::run {

std::optional<double> nominalFlops(const Artifact &artifact,
                                   const std::vector<Tensor> &inputs,
                                   const std::vector<Tensor> &outputs) {
  // Run-time sizes, by name, from the inputs actually given.
  std::map<std::string, double> bound;
  std::vector<Port> ports = artifact.inputs();
  for (size_t i = 0; i < ports.size() && i < inputs.size(); ++i) {
    std::vector<int64_t> shape = inputs[i].shape();
    for (size_t d = 0; d < ports[i].shape.size() && d < shape.size(); ++d)
      if (!ports[i].shape[d].symbol.empty())
        bound.emplace(ports[i].shape[d].symbol, static_cast<double>(shape[d]));
  }

  nlohmann::json manifest =
      nlohmann::json::parse(hopfield_artifact_manifest_json(artifact.get()),
                            /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || !manifest["outputs"].is_array())
    return std::nullopt;
  double flops = 0;
  bool described = false;
  for (const nlohmann::json &output : manifest["outputs"]) {
    const nlohmann::json *attention =
        output.contains("attention") ? &output["attention"] : nullptr;
    if (!attention || !attention->is_array() || attention->size() != 6 ||
        !output.contains("node"))
      continue;
    double size[6];
    for (size_t i = 0; i < 6; ++i) {
      const nlohmann::json &entry = (*attention)[i];
      if (entry.is_number_integer()) {
        size[i] = entry.get<double>();
      } else if (entry.is_string() && bound.count(entry.get<std::string>())) {
        size[i] = bound[entry.get<std::string>()];
      } else {
        return std::nullopt;
      }
    }
    auto [batch, heads, queries, keys, qk, v] = size;
    double rows = batch * queries * keys;
    flops += 2 * rows * heads * (qk + v);
    for (int64_t steps :
         artifact.steps(outputs, output["node"].get<std::string>()))
      flops += 4 * rows * qk * static_cast<double>(steps - 1);
    described = true;
  }
  if (!described)
    return std::nullopt;
  return flops;
}

} // namespace hopfield::run
