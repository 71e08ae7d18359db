//===- HopfieldModule.cpp - The forward pass of hflayers.Hopfield ---------===//

#include "HopfieldModule.h"

#include "Association.h"

using namespace hopfield::reference;

namespace {
/// One input projection `x Wᵀ + b` (a block of rows of the packed weight or
/// a separate weight, with its slice of in_proj_bias).
struct Projection {
  Tensor weight;
  std::optional<Tensor> bias;

  Tensor apply(const Tensor &x) const {
    return linear(x, weight, bias ? &*bias : nullptr);
  }
};

/// The Q, K and V projections of the non-static inputs.
struct Projections {
  std::optional<Projection> query, key, value;
};
} // namespace

/// (B, n, H·d) -> head space (B, H, n, d).
static std::vector<double> splitHeads(const Tensor &x, int64_t heads,
                                      int64_t d) {
  int64_t batch = x.shape[0], n = x.shape[1];
  if (x.shape[2] != heads * d)
    fail("cannot split " + x.shapeString() + " into " + std::to_string(heads) +
         " heads of " + std::to_string(d));
  std::vector<double> out(batch * heads * n * d);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h)
      for (int64_t i = 0; i < n; ++i)
        for (int64_t f = 0; f < d; ++f)
          out[((b * heads + h) * n + i) * d + f] =
              x.data[(b * n + i) * heads * d + h * d + f];
  return out;
}

/// A static (B, n, d) pattern for every head: head h of sample b reads
/// sample b (SPEC §9.2, not the library's sample mixing).
static std::vector<double> replicateHeads(const Tensor &x, int64_t heads) {
  int64_t batch = x.shape[0], size = x.shape[1] * x.shape[2];
  std::vector<double> out;
  out.reserve(batch * heads * size);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h)
      out.insert(out.end(), x.data.begin() + b * size,
                 x.data.begin() + (b + 1) * size);
  return out;
}

/// The LayerNorm of the Hopfield space over every d-vector of `patterns`.
static void normalizeHeadSpace(std::vector<double> &patterns, int64_t d,
                               const WeightView &weights, double eps) {
  Tensor t;
  t.shape = {static_cast<int64_t>(patterns.size()) / d, d};
  t.data = std::move(patterns);
  patterns = layerNorm(t, 1, weights.get("association_core.p_norm_weight"),
                       weights.get("association_core.p_norm_bias"), eps)
                 .data;
}

/// Slices in_proj_weight / q,k,v_proj_weight and in_proj_bias into the
/// projections of the non-static inputs (SPEC §3.7): a running offset
/// advances over the blocks of non-static inputs only; V takes the rest of
/// the bias.
static Projections sliceProjections(const HopfieldSpec &spec,
                                    const WeightView &weights) {
  Projections out;
  int64_t hidden = spec.numHeads * spec.headDim;
  int64_t pattern = spec.numHeads * spec.patternDim;
  const Tensor *bias = weights.get("association_core.in_proj_bias");
  auto biasSlice = [&](int64_t start, int64_t count) -> std::optional<Tensor> {
    if (!bias)
      return std::nullopt;
    return sliceRows(*bias, start, count);
  };
  int64_t offset = 0;
  if (spec.packed) {
    const Tensor &packed = *weights.get("association_core.in_proj_weight");
    auto take = [&](int64_t count) {
      Projection p{sliceRows(packed, offset, count), biasSlice(offset, count)};
      offset += count;
      return p;
    };
    if (!spec.stateStatic)
      out.query = take(hidden);
    if (!spec.storedStatic)
      out.key = take(hidden);
    if (!spec.projectionStatic)
      out.value = take(pattern);
    return out;
  }
  if (!spec.stateStatic) {
    out.query = Projection{*weights.get("association_core.q_proj_weight"),
                           biasSlice(offset, hidden)};
    offset += hidden;
  }
  if (!spec.storedStatic) {
    out.key = Projection{*weights.get("association_core.k_proj_weight"),
                         biasSlice(offset, hidden)};
    offset += hidden;
  }
  if (!spec.projectionStatic)
    out.value = Projection{*weights.get("association_core.v_proj_weight"),
                           biasSlice(offset, pattern)};
  return out;
}

/// `x` as (B, seq, feature), checked to be rank 3.
static Tensor toBatchFirst(const HopfieldSpec &spec, const Tensor &x,
                           const char *role) {
  if (x.shape.size() != 3)
    fail(std::string(role) + " has shape " + x.shapeString() +
         ", expected rank 3 " +
         (spec.batchFirst ? "(batch, seq, feature)" : "(seq, batch, feature)"));
  return spec.batchFirst ? x : swapLeadingDims(x);
}

/// Applies the input LayerNorm `norm` (weights `name`.weight/.bias) to `x`.
static void applyInputNorm(Tensor &x, const NormSpec &norm,
                           const std::string &name, const WeightView &weights,
                           std::optional<int64_t> size, const char *role) {
  if (!norm.enabled)
    return;
  if (size && x.shape[2] != *size)
    fail(std::string(role) + " has " + std::to_string(x.shape[2]) +
         " features, but " + name + " normalises " + std::to_string(*size));
  x = layerNorm(x, 1, weights.get(name + ".weight"),
                weights.get(name + ".bias"), norm.eps);
}

/// Fails unless pattern `x` has `width` features.
static void checkWidth(const Tensor &x, int64_t width, const char *role,
                       const std::string &why) {
  if (x.shape[2] != width)
    fail(std::string(role) + " has " + std::to_string(x.shape[2]) +
         " features, expected " + std::to_string(width) + " (" + why + ")");
}

HopfieldResult
hopfield::reference::runHopfieldModule(const HopfieldSpec &spec,
                                       const WeightView &weights,
                                       const HopfieldInputs &inputs) {
  Tensor y = toBatchFirst(spec, inputs.stored, "stored_pattern");
  Tensor r = toBatchFirst(spec, inputs.state, "state_pattern");
  Tensor p = toBatchFirst(spec, inputs.projection, "pattern_projection");
  int64_t batch = y.shape[0], keys = y.shape[1], queries = r.shape[1];
  if (r.shape[0] != batch || p.shape[0] != batch || p.shape[1] != keys)
    fail("the patterns have inconsistent shapes: stored_pattern " +
         inputs.stored.shapeString() + ", state_pattern " +
         inputs.state.shapeString() + ", pattern_projection " +
         inputs.projection.shapeString());

  // Step 2: the input LayerNorms.
  applyInputNorm(y, spec.normStored, "norm_stored_pattern", weights,
                 spec.storedSize ? spec.storedSize : spec.inputSize,
                 "stored_pattern");
  applyInputNorm(r, spec.normState, "norm_state_pattern", weights,
                 spec.inputSize, "state_pattern");
  applyInputNorm(p, spec.normProjection, "norm_pattern_projection", weights,
                 spec.projectionSize ? spec.projectionSize : spec.inputSize,
                 "pattern_projection");

  // Step 3: projections; static inputs are used as-is by every head. With
  // static state and stored patterns, hd is their width (as in hflayers).
  int64_t heads = spec.numHeads;
  bool staticQK = spec.stateStatic && spec.storedStatic;
  int64_t hd = staticQK ? r.shape[2] : spec.headDim;
  Projections proj = sliceProjections(spec, weights);
  HeadSpace x;
  x.batch = batch;
  x.heads = heads;
  x.queries = queries;
  x.keys = keys;
  x.headDim = hd;
  if (spec.stateStatic)
    checkWidth(r, hd, "state_pattern", "the head dimension, it is static");
  else
    checkWidth(r, spec.embedDim, "state_pattern", "input_size");
  if (spec.storedStatic)
    checkWidth(y, hd, "stored_pattern", "the head dimension, it is static");
  else
    checkWidth(y, spec.storedDim, "stored_pattern", "stored_pattern_size");
  x.q = spec.stateStatic ? replicateHeads(r, heads)
                         : splitHeads(proj.query->apply(r), heads, hd);
  x.k = spec.storedStatic ? replicateHeads(y, heads)
                          : splitHeads(proj.key->apply(y), heads, hd);
  bool connected = spec.connected && !spec.storedStatic;
  if (!spec.projectionStatic) {
    checkWidth(p, spec.projectionDim, "pattern_projection",
               "pattern_projection_size");
    // Connected: V = (P W_Kᵀ + b_K) W_Vᵀ + b_V.
    Tensor source = connected ? proj.key->apply(p) : p;
    x.patternDim = spec.patternDim;
    x.v = splitHeads(proj.value->apply(source), heads, x.patternDim);
  } else if (connected) {
    x.patternDim = hd;
    x.v = splitHeads(proj.key->apply(p), heads, hd);
  } else {
    x.patternDim = p.shape[2];
    if (!spec.disableOut)
      checkWidth(p, spec.patternDim, "pattern_projection",
                 "pattern_size, it is static and feeds the out projection");
    x.v = replicateHeads(p, heads);
  }

  // Step 4: the Hopfield-space LayerNorm of Q and K, every head's vectors.
  if (spec.normHopfieldSpace.enabled) {
    normalizeHeadSpace(x.q, hd, weights, spec.normHopfieldSpace.eps);
    normalizeHeadSpace(x.k, hd, weights, spec.normHopfieldSpace.eps);
  }
  // Step 7: one all-zero key and value; the masks allow it.
  if (spec.addZero)
    x.addZeroAssociation();

  // Steps 5, 8-11: the retrieval.
  RetrievalParams params{spec.beta(), spec.maxSteps, spec.eps};
  RetrievalMasks masks{inputs.paddingMask, inputs.associationMask, keys};
  RetrievalResult retrieved = retrieve(params, x, masks);

  // Concatenated heads (B, L, H·pd), the out projection, the layout and the
  // activation.
  int64_t pd = x.patternDim;
  Tensor out = Tensor::zeros({batch, queries, heads * pd});
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h)
      for (int64_t l = 0; l < queries; ++l)
        for (int64_t f = 0; f < pd; ++f)
          out.data[(b * queries + l) * heads * pd + h * pd + f] =
              retrieved.output.data[((b * heads + h) * queries + l) * pd + f];
  if (!spec.disableOut)
    out = linear(out, *weights.get("association_core.out_proj.weight"),
                 weights.get("association_core.out_proj.bias"));
  if (!spec.batchFirst)
    out = swapLeadingDims(out);
  if (!spec.activation.empty())
    applyActivation(out, activationByName(spec.activation));
  return {std::move(out), std::move(retrieved.association),
          std::move(retrieved.steps)};
}
