//===- ReferenceModel.cpp - Naive float64 reference of the model ops ------===//
//
// Straightforward loops in float64, written for obviousness, not speed.
//
//===----------------------------------------------------------------------===//

#include "ReferenceModel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

using namespace hopfield::reference;

int64_t Tensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t Tensor::dim(int64_t dim) const {
  int64_t rank = static_cast<int64_t>(shape.size());
  return shape[dim < 0 ? rank + dim : dim];
}

std::string Tensor::shapeString() const {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < shape.size(); ++i)
    os << (i ? "," : "") << shape[i];
  os << "]";
  return os.str();
}

[[noreturn]] static void fail(const std::string &message) {
  throw std::runtime_error(message);
}

Tensor hopfield::reference::linear(const Tensor &x, const Tensor &weight,
                                   const Tensor *bias) {
  if (x.shape.empty())
    fail("Linear: the input must have at least one dimension");
  if (weight.shape.size() != 2 || weight.shape[1] != x.dim(-1))
    fail("Linear: weight has shape " + weight.shapeString() +
         ", expected [out," + std::to_string(x.dim(-1)) + "] for input " +
         x.shapeString());
  int64_t in = weight.shape[1], out = weight.shape[0];
  if (bias && (bias->shape.size() != 1 || bias->shape[0] != out))
    fail("Linear: bias has shape " + bias->shapeString() + ", expected [" +
         std::to_string(out) + "]");
  Tensor y;
  y.shape = x.shape;
  y.shape.back() = out;
  int64_t rows = x.numElements() / in;
  y.data.assign(rows * out, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t o = 0; o < out; ++o) {
      double sum = 0.0;
      for (int64_t i = 0; i < in; ++i)
        sum += x.data[r * in + i] * weight.data[o * in + i];
      y.data[r * out + o] = sum + (bias ? bias->data[o] : 0.0);
    }
  }
  return y;
}

Tensor hopfield::reference::layerNorm(const Tensor &x, size_t normalizedDims,
                                      const Tensor *weight, const Tensor *bias,
                                      double eps) {
  if (normalizedDims == 0 || normalizedDims > x.shape.size())
    fail("LayerNorm: cannot normalise over the last " +
         std::to_string(normalizedDims) + " dimensions of an input of shape " +
         x.shapeString());
  int64_t n = 1;
  for (size_t i = x.shape.size() - normalizedDims; i < x.shape.size(); ++i)
    n *= x.shape[i];
  for (const Tensor *param : {weight, bias})
    if (param && param->numElements() != n)
      fail("LayerNorm: parameter has shape " + param->shapeString() +
           ", expected " + std::to_string(n) + " elements for input " +
           x.shapeString());
  Tensor y;
  y.shape = x.shape;
  y.data.resize(x.data.size());
  int64_t rows = n ? x.numElements() / n : 0;
  for (int64_t r = 0; r < rows; ++r) {
    const double *in = &x.data[r * n];
    double mean = 0.0;
    for (int64_t i = 0; i < n; ++i)
      mean += in[i];
    mean /= n;
    double var = 0.0;
    for (int64_t i = 0; i < n; ++i)
      var += (in[i] - mean) * (in[i] - mean);
    var /= n;
    double inv = 1.0 / std::sqrt(var + eps);
    for (int64_t i = 0; i < n; ++i) {
      double v = (in[i] - mean) * inv;
      if (weight)
        v *= weight->data[i];
      if (bias)
        v += bias->data[i];
      y.data[r * n + i] = v;
    }
  }
  return y;
}

namespace {
/// The sizes and operands of one static Hopfield association.
struct Association {
  const StaticHopfieldConfig &config;
  const Tensor &stored, &state, &projection;
  const Tensor *paddingMask, *associationMask;
  int64_t batch, numQueries, numKeys, headDim, patternDim, numHeads;

  /// Element (b, i, f) of a 3-D pattern tensor in the configured layout.
  double at(const Tensor &t, int64_t b, int64_t i, int64_t f) const {
    int64_t d1 = t.shape[1], d2 = t.shape[2];
    return config.batchFirst ? t.data[(b * d1 + i) * d2 + f]
                             : t.data[(i * d1 + b) * d2 + f];
  }

  /// Whether query l of sample b, head h may associate with key s.
  bool allowed(int64_t b, int64_t h, int64_t l, int64_t s) const {
    if (paddingMask && paddingMask->data[b * numKeys + s] != 0.0)
      return false;
    if (!associationMask)
      return true;
    int64_t index = associationMask->shape.size() == 2
                        ? l * numKeys + s
                        : ((b * numHeads + h) * numQueries + l) * numKeys + s;
    return associationMask->data[index] == 0.0;
  }

  /// ξ = softmax(β_h·query·Kᵀ) with the masks, for sample b and head h.
  /// `query` is L×hd, the result L×S. Rows with no allowed key are zero.
  std::vector<double> softmax(int64_t b, int64_t h,
                              const std::vector<double> &query) const {
    std::vector<double> xi(numQueries * numKeys, 0.0);
    std::vector<double> scaled(headDim);
    for (int64_t l = 0; l < numQueries; ++l) {
      for (int64_t f = 0; f < headDim; ++f)
        scaled[f] = config.beta[h] * query[l * headDim + f];
      double *row = &xi[l * numKeys];
      double maxScore = -std::numeric_limits<double>::infinity();
      bool any = false;
      for (int64_t s = 0; s < numKeys; ++s) {
        if (!allowed(b, h, l, s))
          continue;
        double score = 0.0;
        for (int64_t f = 0; f < headDim; ++f)
          score += scaled[f] * at(stored, b, s, f);
        row[s] = score;
        maxScore = any ? std::max(maxScore, score) : score;
        any = true;
      }
      if (!any)
        continue;
      double sum = 0.0;
      for (int64_t s = 0; s < numKeys; ++s) {
        if (!allowed(b, h, l, s))
          continue;
        row[s] = std::exp(row[s] - maxScore);
        sum += row[s];
      }
      for (int64_t s = 0; s < numKeys; ++s)
        row[s] = allowed(b, h, l, s) ? row[s] / sum : 0.0;
    }
    return xi;
  }

  /// The new state ξ·K (L×hd) of sample b.
  std::vector<double> retrieve(int64_t b, const std::vector<double> &xi) const {
    std::vector<double> query(numQueries * headDim, 0.0);
    for (int64_t l = 0; l < numQueries; ++l)
      for (int64_t f = 0; f < headDim; ++f) {
        double sum = 0.0;
        for (int64_t s = 0; s < numKeys; ++s)
          sum += xi[l * numKeys + s] * at(stored, b, s, f);
        query[l * headDim + f] = sum;
      }
    return query;
  }
};
} // namespace

/// Checks that `t` is a 3-D pattern tensor and returns its feature size.
static int64_t checkPattern(const Tensor &t, const char *role, bool batchFirst,
                            int64_t batch, int64_t seq) {
  std::string layout =
      batchFirst ? "(batch, seq, feature)" : "(seq, batch, feature)";
  if (t.shape.size() != 3)
    fail(std::string("Hopfield: ") + role + " has shape " + t.shapeString() +
         ", expected rank 3 " + layout);
  int64_t b = batchFirst ? t.shape[0] : t.shape[1];
  int64_t s = batchFirst ? t.shape[1] : t.shape[0];
  if (b != batch || (seq >= 0 && s != seq))
    fail(std::string("Hopfield: ") + role + " has shape " + t.shapeString() +
         ", inconsistent with batch " + std::to_string(batch) +
         (seq >= 0 ? " and " + std::to_string(seq) + " stored patterns" : ""));
  return t.shape[2];
}

StaticHopfieldResult hopfield::reference::staticHopfield(
    const StaticHopfieldConfig &config, const Tensor &stored,
    const Tensor &state, const Tensor &projection, const Tensor *paddingMask,
    const Tensor *associationMask) {
  if (stored.shape.size() != 3)
    fail("Hopfield: stored_pattern has shape " + stored.shapeString() +
         ", expected rank 3");
  int64_t batch = config.batchFirst ? stored.shape[0] : stored.shape[1];
  int64_t numKeys = config.batchFirst ? stored.shape[1] : stored.shape[0];
  int64_t headDim =
      checkPattern(stored, "stored_pattern", config.batchFirst, batch, -1);
  int64_t stateDim =
      checkPattern(state, "state_pattern", config.batchFirst, batch, -1);
  int64_t patternDim = checkPattern(projection, "pattern_projection",
                                    config.batchFirst, batch, numKeys);
  if (stateDim != headDim)
    fail("Hopfield: state_pattern has " + std::to_string(stateDim) +
         " features but stored_pattern has " + std::to_string(headDim) +
         "; static execution needs both to be the head dimension");
  int64_t numQueries = config.batchFirst ? state.shape[1] : state.shape[0];
  int64_t numHeads = config.numHeads;
  if (paddingMask && paddingMask->shape != std::vector<int64_t>{batch, numKeys})
    fail("Hopfield: stored_pattern_padding_mask has shape " +
         paddingMask->shapeString() + ", expected [" + std::to_string(batch) +
         "," + std::to_string(numKeys) + "]");
  if (associationMask &&
      associationMask->shape != std::vector<int64_t>{numQueries, numKeys} &&
      associationMask->shape !=
          std::vector<int64_t>{batch * numHeads, numQueries, numKeys})
    fail("Hopfield: association_mask has shape " +
         associationMask->shapeString() + ", expected [" +
         std::to_string(numQueries) + "," + std::to_string(numKeys) + "] or [" +
         std::to_string(batch * numHeads) + "," + std::to_string(numQueries) +
         "," + std::to_string(numKeys) + "]");

  Association assoc{config,      stored,          state,      projection,
                    paddingMask, associationMask, batch,      numQueries,
                    numKeys,     headDim,         patternDim, numHeads};

  // The first softmax of every (sample, head) uses the state pattern itself.
  std::vector<std::vector<double>> xi(batch * numHeads);
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<double> query(numQueries * headDim);
    for (int64_t l = 0; l < numQueries; ++l)
      for (int64_t f = 0; f < headDim; ++f)
        query[l * headDim + f] = assoc.at(state, b, l, f);
    for (int64_t h = 0; h < numHeads; ++h)
      xi[b * numHeads + h] = assoc.softmax(b, h, query);
  }

  // The update loop of SPEC §3.9, one head at a time: a head runs another
  // step while it has steps left and the largest change over the batch of
  // its association matrix (Frobenius norm) exceeds its eps.
  StaticHopfieldResult result;
  result.steps.assign(numHeads, 1);
  constexpr int64_t kStepLimit = 1000000;
  for (int64_t h = 0; h < numHeads; ++h) {
    const std::optional<int64_t> &maxSteps = config.maxSteps[h];
    for (int64_t u = 0; !maxSteps || u < *maxSteps; ++u) {
      if (u >= kStepLimit)
        fail("Hopfield: head " + std::to_string(h) + " did not converge in " +
             std::to_string(kStepLimit) + " steps");
      double maxChange = 0.0;
      for (int64_t b = 0; b < batch; ++b) {
        std::vector<double> &old = xi[b * numHeads + h];
        std::vector<double> next = assoc.softmax(b, h, assoc.retrieve(b, old));
        double change = 0.0;
        for (size_t i = 0; i < next.size(); ++i)
          change += (next[i] - old[i]) * (next[i] - old[i]);
        maxChange = std::max(maxChange, std::sqrt(change));
        old = std::move(next);
      }
      ++result.steps[h];
      if (!(maxChange > config.eps[h]))
        break;
    }
  }

  // O = ξ·V per head, heads concatenated along the features.
  Tensor &out = result.output;
  int64_t width = numHeads * patternDim;
  out.shape = config.batchFirst
                  ? std::vector<int64_t>{batch, numQueries, width}
                  : std::vector<int64_t>{numQueries, batch, width};
  out.data.assign(batch * numQueries * width, 0.0);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < numHeads; ++h)
      for (int64_t l = 0; l < numQueries; ++l)
        for (int64_t p = 0; p < patternDim; ++p) {
          double sum = 0.0;
          for (int64_t s = 0; s < numKeys; ++s)
            sum += xi[b * numHeads + h][l * numKeys + s] *
                   assoc.at(projection, b, s, p);
          int64_t row = config.batchFirst ? b * numQueries + l : l * batch + b;
          out.data[row * width + h * patternDim + p] = sum;
        }
  return result;
}
