//===- Association.h - The Hopfield retrieval loop in head space -*- C++
//-*-===//
//
// Steps 5 and 7-11 of SPEC.md §3.8 and the update loop of §3.9 on patterns
// that are already projected into the associative ("Hopfield") space and
// split into heads: scaling, masked softmax, the per-head update loop with
// the association criterion, and O = ξ·V.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_LIB_ASSOCIATION_H
#define TEST_LIB_ASSOCIATION_H

#include "Tensor.h"

#include <optional>

namespace hopfield::reference {

/// Per-head parameters of the retrieval (each vector has one entry a head).
struct RetrievalParams {
  /// β, multiplying the query before the scores.
  std::vector<double> beta;
  /// Maximum number of update steps; std::nullopt = until converged.
  std::vector<std::optional<int64_t>> maxSteps;
  /// Convergence threshold on the change of the association matrix.
  std::vector<double> eps;
};

/// Patterns in head space, flat row-major: q (B, H, L, hd), k (B, H, S, hd),
/// v (B, H, S, pd).
struct HeadSpace {
  int64_t batch = 0, heads = 0, queries = 0, keys = 0, headDim = 0,
          patternDim = 0;
  std::vector<double> q, k, v;

  /// Appends one all-zero key and value to every (sample, head).
  void addZeroAssociation();
};

/// The masks of one association, both optional. `padding` is (B, S0) and
/// `association` (L, S0) or (B·H, L, S0) with S0 = `maskedKeys`; keys past
/// S0 (the zero association) are always allowed. A bool entry true (or a
/// padding entry) disallows the key; a float association mask is added to
/// the scaled scores.
struct RetrievalMasks {
  const Tensor *padding = nullptr;
  const Tensor *association = nullptr;
  int64_t maskedKeys = 0;
};

/// Result of `retrieve`.
struct RetrievalResult {
  /// The final association matrix ξ, (B, H, L, S).
  Tensor association;
  /// ξ·V, (B, H, L, pd).
  Tensor output;
  /// Softmax evaluations per head (1 + update steps).
  std::vector<int64_t> steps;
};

/// Runs the retrieval: ξ = softmax(β·q·kᵀ + masks), then per head, while it
/// has steps left and the largest change over the batch of its ξ (Frobenius
/// norm) exceeds eps: q = ξ·k, ξ = softmax(β·q·kᵀ + masks). A row with no
/// allowed key gives a zero association row (and a zero output row).
RetrievalResult retrieve(const RetrievalParams &params, const HeadSpace &x,
                         const RetrievalMasks &masks);

} // namespace hopfield::reference

#endif // TEST_LIB_ASSOCIATION_H
