//===- MhaNode.cpp - The ModernHopfieldAttention op -----------------------===//
//
// SPEC 2.5 / 9.5, computed directly: per head S = c Q K^T,
// h = a' h_prev + (1 - a') S (no h_prev: h = S for init = first_scores,
// (1 - a') S for init = zero), P = softmax over the allowed keys of h
// (causal: key j <= query i), output = concat_h(P V) W_O^T + b_O. Q, K, V
// come from the packed in_proj_weight (torch.nn.MultiheadAttention layout).
// Results: the node [B, T, E] and "<node>:hidden" [B, H, T, T].
//
//===----------------------------------------------------------------------===//

#include "Nodes.h"

#include <cmath>
#include <limits>

using namespace hopfield::reference;

NodeResult hopfield::reference::runModernHopfieldAttention(const Node &node) {
  const Config &config = node.config;
  config.checkKnown({"embed_dim", "num_heads", "alpha_hidden", "init", "causal",
                     "scale", "bias"},
                    node.op);
  node.checkRoles({"input", "hidden"});
  auto embed = config.getOptionalInt("embed_dim");
  if (!embed)
    config.error("embed_dim", "is required");
  const int64_t E = *embed, H = config.getInt("num_heads", 1);
  if (H < 1 || E % H != 0)
    config.error("num_heads", "must divide embed_dim");
  const int64_t d = E / H;
  const double alpha = config.getNumber("alpha_hidden", 0.5);
  const std::string init =
      config.getOptionalString("init").value_or("first_scores");
  if (init != "first_scores" && init != "zero")
    config.error("init", "must be \"first_scores\" or \"zero\"");
  const bool causal = config.getBool("causal", false);
  const double c = config.getNumber("scale", 1.0 / std::sqrt(double(d)));
  const bool bias = config.getBool("bias", true);
  WeightShapes expected = {{"in_proj_weight", {3 * E, E}},
                           {"out_proj.weight", {E, E}}};
  if (bias) {
    expected.push_back({"in_proj_bias", {3 * E}});
    expected.push_back({"out_proj.bias", {E}});
  }
  node.checkWeights(expected);

  const Tensor &x = node.input("input");
  if (x.shape.size() != 3 || x.shape[2] != E)
    fail(node.where() + ": input " + x.shapeString() +
         " must be [batch, tokens, embed_dim]");
  const int64_t B = x.shape[0], T = x.shape[1];
  const Tensor *previous = node.optionalInput("hidden");
  if (previous && previous->shape != std::vector<int64_t>{B, H, T, T})
    fail(node.where() + ": hidden " + previous->shapeString() +
         " must be [B, num_heads, T, T]");
  Tensor qkv = linear(x, *node.weight("in_proj_weight"),
                      node.weight("in_proj_bias")); // [B, T, 3E]
  auto at = [&](int64_t b, int64_t t, int64_t part, int64_t h, int64_t k) {
    return qkv.data[(b * T + t) * 3 * E + part * E + h * d + k];
  };

  Tensor hidden = Tensor::zeros({B, H, T, T});
  Tensor heads = Tensor::zeros({B, T, E});
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < T; ++i) {
        std::vector<double> row(T);
        for (int64_t j = 0; j < T; ++j) {
          double s = 0;
          for (int64_t k = 0; k < d; ++k)
            s += at(b, i, 0, h, k) * at(b, j, 1, h, k);
          s *= c;
          int64_t index = ((b * H + h) * T + i) * T + j;
          if (previous)
            row[j] = alpha * previous->data[index] + (1 - alpha) * s;
          else
            row[j] = init == "zero" ? (1 - alpha) * s : s;
          hidden.data[index] = row[j];
        }
        double max = -std::numeric_limits<double>::infinity();
        for (int64_t j = 0; j < T; ++j)
          if (!causal || j <= i)
            max = std::max(max, row[j]);
        double sum = 0;
        std::vector<double> p(T, 0.0);
        for (int64_t j = 0; j < T; ++j)
          if (!causal || j <= i)
            sum += p[j] = std::exp(row[j] - max);
        for (int64_t k = 0; k < d; ++k) {
          double o = 0;
          for (int64_t j = 0; j < T; ++j)
            o += p[j] / sum * at(b, j, 2, h, k);
          heads.data[(b * T + i) * E + h * d + k] = o;
        }
      }
  Tensor output = linear(heads, *node.weight("out_proj.weight"),
                         node.weight("out_proj.bias"));
  return {output, {{":hidden", hidden}}, {}};
}
