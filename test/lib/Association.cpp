//===- Association.cpp - The Hopfield retrieval loop in head space --------===//

#include "Association.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace hopfield::reference;

void HeadSpace::addZeroAssociation() {
  auto extend = [&](std::vector<double> &patterns, int64_t width) {
    std::vector<double> out;
    out.reserve(batch * heads * (keys + 1) * width);
    for (int64_t bh = 0; bh < batch * heads; ++bh) {
      auto first = patterns.begin() + bh * keys * width;
      out.insert(out.end(), first, first + keys * width);
      out.insert(out.end(), width, 0.0);
    }
    patterns = std::move(out);
  };
  extend(k, headDim);
  extend(v, patternDim);
  ++keys;
}

static const double kMinusInf = -std::numeric_limits<double>::infinity();

/// Checks the mask shapes against the sizes of `x`.
static void checkMasks(const HeadSpace &x, const RetrievalMasks &masks) {
  int64_t s = masks.maskedKeys;
  std::vector<int64_t> padding = {x.batch, s};
  if (masks.padding && masks.padding->shape != padding)
    fail("stored_pattern_padding_mask has shape " +
         masks.padding->shapeString() + ", expected " + shapeString(padding));
  std::vector<int64_t> shared = {x.queries, s};
  std::vector<int64_t> perHead = {x.batch * x.heads, x.queries, s};
  if (masks.association && masks.association->shape != shared &&
      masks.association->shape != perHead)
    fail("association_mask has shape " + masks.association->shapeString() +
         ", expected " + shapeString(shared) + " or " + shapeString(perHead));
}

namespace {
/// The retrieval of one (sample, head): its query, keys and masks.
struct HeadRetrieval {
  const HeadSpace &x;
  const RetrievalMasks &masks;
  int64_t b, h;
  double beta;

  const double *key(int64_t s) const {
    return &x.k[((b * x.heads + h) * x.keys + s) * x.headDim];
  }

  /// What the masks add to score (l, s): 0, a float mask value, or -inf.
  double maskBias(int64_t l, int64_t s) const {
    int64_t s0 = masks.maskedKeys;
    if (s >= s0)
      return 0.0; // the zero association is always allowed
    if (masks.padding && masks.padding->data[b * s0 + s] != 0.0)
      return kMinusInf;
    const Tensor *mask = masks.association;
    if (!mask)
      return 0.0;
    int64_t index = mask->shape.size() == 2
                        ? l * s0 + s
                        : ((b * x.heads + h) * x.queries + l) * s0 + s;
    double value = mask->data[index];
    if (mask->isBool)
      return value != 0.0 ? kMinusInf : 0.0;
    return value;
  }

  /// ξ = softmax(β·query·Kᵀ + masks) for `query` (L×hd); the result is L×S.
  /// Rows whose scores are all -inf are zero.
  std::vector<double> softmax(const std::vector<double> &query) const {
    std::vector<double> xi(x.queries * x.keys, 0.0);
    std::vector<double> scaled(x.headDim);
    for (int64_t l = 0; l < x.queries; ++l) {
      for (int64_t f = 0; f < x.headDim; ++f)
        scaled[f] = beta * query[l * x.headDim + f];
      double *row = &xi[l * x.keys];
      double maxScore = kMinusInf;
      for (int64_t s = 0; s < x.keys; ++s) {
        double bias = maskBias(l, s);
        double score = kMinusInf;
        if (bias != kMinusInf) {
          score = 0.0;
          for (int64_t f = 0; f < x.headDim; ++f)
            score += scaled[f] * key(s)[f];
          score += bias;
        }
        row[s] = score;
        maxScore = std::max(maxScore, score);
      }
      if (maxScore == kMinusInf) {
        std::fill(row, row + x.keys, 0.0);
        continue;
      }
      double sum = 0.0;
      for (int64_t s = 0; s < x.keys; ++s) {
        row[s] = row[s] == kMinusInf ? 0.0 : std::exp(row[s] - maxScore);
        sum += row[s];
      }
      for (int64_t s = 0; s < x.keys; ++s)
        row[s] /= sum;
    }
    return xi;
  }

  /// The new state ξ·K (L×hd).
  std::vector<double> update(const std::vector<double> &xi) const {
    std::vector<double> query(x.queries * x.headDim, 0.0);
    for (int64_t l = 0; l < x.queries; ++l)
      for (int64_t s = 0; s < x.keys; ++s)
        for (int64_t f = 0; f < x.headDim; ++f)
          query[l * x.headDim + f] += xi[l * x.keys + s] * key(s)[f];
    return query;
  }
};
} // namespace

RetrievalResult hopfield::reference::retrieve(const RetrievalParams &params,
                                              const HeadSpace &x,
                                              const RetrievalMasks &masks) {
  checkMasks(x, masks);
  int64_t batch = x.batch, heads = x.heads;
  int64_t querySize = x.queries * x.headDim;
  auto head = [&](int64_t b, int64_t h) {
    return HeadRetrieval{x, masks, b, h, params.beta[h]};
  };

  // The first softmax of every (sample, head) uses the projected state.
  std::vector<std::vector<double>> xi(batch * heads);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h) {
      auto first = x.q.begin() + (b * heads + h) * querySize;
      xi[b * heads + h] =
          head(b, h).softmax(std::vector<double>(first, first + querySize));
    }

  // The update loop of SPEC §3.9, one head at a time (heads do not
  // interact): a head runs another step while it has steps left and the
  // largest change over the batch of its association matrix exceeds eps.
  RetrievalResult result;
  result.steps.assign(heads, 1);
  constexpr int64_t kStepLimit = 1000000;
  for (int64_t h = 0; h < heads; ++h) {
    const std::optional<int64_t> &maxSteps = params.maxSteps[h];
    for (int64_t u = 0; !maxSteps || u < *maxSteps; ++u) {
      if (u >= kStepLimit)
        fail("head " + std::to_string(h) + " did not converge in " +
             std::to_string(kStepLimit) + " steps");
      double maxChange = 0.0;
      for (int64_t b = 0; b < batch; ++b) {
        std::vector<double> &old = xi[b * heads + h];
        HeadRetrieval r = head(b, h);
        std::vector<double> next = r.softmax(r.update(old));
        double change = 0.0;
        for (size_t i = 0; i < next.size(); ++i)
          change += (next[i] - old[i]) * (next[i] - old[i]);
        maxChange = std::max(maxChange, std::sqrt(change));
        old = std::move(next);
      }
      ++result.steps[h];
      if (!(maxChange > params.eps[h]))
        break;
    }
  }

  // ξ as (B, H, L, S) and O = ξ·V as (B, H, L, pd).
  int64_t pd = x.patternDim;
  result.association = Tensor::zeros({batch, heads, x.queries, x.keys});
  result.output = Tensor::zeros({batch, heads, x.queries, pd});
  for (int64_t bh = 0; bh < batch * heads; ++bh) {
    std::copy(xi[bh].begin(), xi[bh].end(),
              result.association.data.begin() + bh * x.queries * x.keys);
    for (int64_t l = 0; l < x.queries; ++l)
      for (int64_t s = 0; s < x.keys; ++s) {
        double weight = xi[bh][l * x.keys + s];
        const double *value = &x.v[(bh * x.keys + s) * pd];
        double *out = &result.output.data[(bh * x.queries + l) * pd];
        for (int64_t p = 0; p < pd; ++p)
          out[p] += weight * value[p];
      }
  }
  return result;
}
