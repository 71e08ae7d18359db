//===- RunOutputs.cpp - Outputs of hopfield-run ---------------------------===//
//
// The JSON writer is hand-rolled so that floats keep the exact %.17g text the
// tests and downstream comparisons expect.
//
//===----------------------------------------------------------------------===//

#include "tools/hopfield-run/RunOutputs.h"

#include <nlohmann/json.hpp>

#include <cinttypes>
#include <cmath>
#include <string>

namespace hopfield::run {
namespace {

/// Writes one element of `t` at flat index `k`; returns false for a
/// non-finite float (written as null).
bool writeElement(const Tensor &t, size_t k, std::FILE *file) {
  double value = 0.0;
  switch (t.dtype()) {
  case HOPFIELD_BOOL:
    std::fputs(t.data<uint8_t>()[k] ? "true" : "false", file);
    return true;
  case HOPFIELD_INT64:
    std::fprintf(file, "%" PRId64, t.data<int64_t>()[k]);
    return true;
  case HOPFIELD_FLOAT32:
    value = t.data<float>()[k];
    break;
  case HOPFIELD_FLOAT64:
    value = t.data<double>()[k];
    break;
  }
  if (!std::isfinite(value)) {
    std::fputs("null", file);
    return false;
  }
  std::fprintf(file, "%.17g", value);
  return true;
}

/// The dtype an output is written with.
const char *writtenDtype(hopfield_dtype dtype) {
  return dtype == HOPFIELD_FLOAT32 ? "float64" : hopfield_dtype_name(dtype);
}

} // namespace

void writeOutputsJson(const Artifact &artifact,
                      const std::vector<Tensor> &outputs, std::FILE *file) {
  std::vector<Port> ports = artifact.outputs();
  std::fputs("{", file);
  for (size_t i = 0; i < outputs.size() && i < ports.size(); ++i) {
    const Tensor &t = outputs[i];
    std::fprintf(file, "%s\n  %s: {\"shape\": [", i ? "," : "",
                 nlohmann::json(ports[i].name).dump().c_str());
    std::vector<int64_t> shape = t.shape();
    for (size_t d = 0; d < shape.size(); ++d)
      std::fprintf(file, "%s%" PRId64, d ? ", " : "", shape[d]);
    std::fprintf(file, "], \"dtype\": \"%s\", \"data\": [",
                 writtenDtype(t.dtype()));
    size_t nonFinite = 0;
    for (size_t k = 0; k < t.numElements(); ++k) {
      if (k)
        std::fputs(", ", file);
      nonFinite += !writeElement(t, k, file);
    }
    std::fputs("]}", file);
    if (nonFinite)
      std::fprintf(stderr,
                   "hopfield-run: warning: output '%s' holds %zu non-finite "
                   "value(s), written as null\n",
                   ports[i].name.c_str(), nonFinite);
  }
  std::fputs("\n}\n", file);
}

void printSteps(const Artifact &artifact, const std::vector<Tensor> &outputs,
                std::FILE *file) {
  for (const Port &port : artifact.outputs()) {
    if (port.kind != "steps")
      continue;
    std::fprintf(file, "steps %s:", port.node.c_str());
    for (int64_t count : artifact.steps(outputs, port.node))
      std::fprintf(file, " %" PRId64, count);
    std::fputs("\n", file);
  }
}

} // namespace hopfield::run
