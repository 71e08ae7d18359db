//===- MhaEmaTest.cpp - closed forms of the MHA hidden state --------------===//
//
// The EMA weights the concatenated-QK lowering uses (passes/MhaEma.h),
// against the recurrence h_n = a'_n h_{n-1} + (1 - a'_n) S_n run on random
// score matrices, and against SPEC 2.5's closed forms for one a'.
//
//===----------------------------------------------------------------------===//

#include "passes/MhaEma.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace mlir::hopfield;

namespace {

using Matrix = std::vector<double>; // a 3x4 score matrix, row-major

Matrix randomMatrix(std::mt19937 &rng) {
  std::normal_distribution<double> normal;
  Matrix m(12);
  for (double &x : m)
    x = normal(rng);
  return m;
}

/// h_n by the recurrence of SPEC 2.5, step 3.
Matrix recurrence(const std::vector<EmaLayer> &layers,
                  const std::vector<Matrix> &scores, const Matrix *h0) {
  Matrix h;
  for (size_t n = 0; n < layers.size(); ++n) {
    const double a = layers[n].alphaHidden;
    Matrix next(12);
    for (size_t i = 0; i < 12; ++i) {
      if (n > 0)
        next[i] = a * h[i] + (1 - a) * scores[n][i];
      else if (h0)
        next[i] = a * (*h0)[i] + (1 - a) * scores[n][i];
      else if (layers[0].init == MhaInit::zero)
        next[i] = (1 - a) * scores[n][i];
      else
        next[i] = scores[n][i];
    }
    h = next;
  }
  return h;
}

Matrix weightedSum(const EmaWeights &w, const std::vector<Matrix> &scores,
                   const Matrix *h0) {
  Matrix h(12, 0.0);
  for (size_t m = 0; m < scores.size(); ++m)
    for (size_t i = 0; i < 12; ++i)
      h[i] += w.scoreWeights[m] * scores[m][i];
  if (h0)
    for (size_t i = 0; i < 12; ++i)
      h[i] += w.external * (*h0)[i];
  return h;
}

} // namespace

TEST(MhaEma, UnrolledEqualsRecurrence) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    size_t length = 1 + trial % 6;
    std::vector<EmaLayer> layers;
    std::vector<Matrix> scores;
    for (size_t n = 0; n < length; ++n) {
      // Include the ends of [0, 1], where terms vanish.
      double a = trial % 5 == 0 ? double(n % 2) : unit(rng);
      layers.push_back({a, trial % 2 ? MhaInit::zero : MhaInit::first_scores});
      scores.push_back(randomMatrix(rng));
    }
    Matrix h0 = randomMatrix(rng);
    const Matrix *external = trial % 3 == 0 ? &h0 : nullptr;
    EmaWeights w = emaWeights(layers, external != nullptr);
    ASSERT_EQ(w.scoreWeights.size(), length);
    Matrix expected = recurrence(layers, scores, external);
    Matrix actual = weightedSum(w, scores, external);
    for (size_t i = 0; i < 12; ++i)
      EXPECT_NEAR(actual[i], expected[i], 1e-13) << "trial " << trial;
    if (!external) {
      EXPECT_EQ(w.external, 0.0);
    }
  }
}

TEST(MhaEma, SpecClosedForms) {
  const double a = 0.7;
  for (int n = 1; n <= 5; ++n) {
    std::vector<EmaLayer> zero(n, {a, MhaInit::zero});
    std::vector<EmaLayer> first(n, {a, MhaInit::first_scores});
    EmaWeights wz = emaWeights(zero, false), wf = emaWeights(first, false);
    for (int m = 1; m <= n; ++m) {
      // init = zero: (1 - a') a'^(n-m).
      EXPECT_NEAR(wz.scoreWeights[m - 1], (1 - a) * std::pow(a, n - m), 1e-15);
      // init = first_scores: a'^(n-1) for S_1, (1 - a') a'^(n-m) after.
      double expected =
          m == 1 ? std::pow(a, n - 1) : (1 - a) * std::pow(a, n - m);
      EXPECT_NEAR(wf.scoreWeights[m - 1], expected, 1e-15);
    }
  }
}

TEST(MhaEma, AlphaZeroKeepsOnlyTheNewestScores) {
  std::vector<EmaLayer> layers(4, {0.0, MhaInit::zero});
  EmaWeights w = emaWeights(layers, true);
  EXPECT_EQ(w.scoreWeights[0], 0.0);
  EXPECT_EQ(w.scoreWeights[1], 0.0);
  EXPECT_EQ(w.scoreWeights[2], 0.0);
  EXPECT_EQ(w.scoreWeights[3], 1.0);
  EXPECT_EQ(w.external, 0.0);
}
