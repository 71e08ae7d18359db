// RUN: hopfield-opt %s -convert-hopfield-to-linalg -split-input-file -verify-diagnostics

// convert-hopfield-to-linalg lowers the online form with its scale folded
// into the query (hopfield-fold-scale) and nothing else: every other hopfield
// op left at this point is illegal and fails the pass.

// beta != 1: the scale is not folded.
func.func @unfolded_beta(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x5xf32>, %acc: tensor<1x2x4x5xf32>, %max: tensor<1x2x4xf32>, %sum: tensor<1x2x4xf32>) -> tensor<1x2x4x5xf32> {
  // expected-error @+1 {{'hopfield.online_associate' op has its score scale (beta / head_beta) unfolded: run hopfield-fold-scale before convert-hopfield-to-linalg}}
  %r:3 = hopfield.online_associate %q, %k, %v beta = 0.5 outs(%acc, %max, %sum)
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32> -> tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %r#0 : tensor<1x2x4x5xf32>
}

// -----

// A head_beta operand: the per-head scale is not folded either.
func.func @unfolded_head_beta(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x5xf32>, %hb: tensor<2xf32>, %acc: tensor<1x2x4x5xf32>, %max: tensor<1x2x4xf32>, %sum: tensor<1x2x4xf32>) -> tensor<1x2x4x5xf32> {
  // expected-error @+1 {{'hopfield.online_associate' op has its score scale (beta / head_beta) unfolded: run hopfield-fold-scale before convert-hopfield-to-linalg}}
  %r:3 = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<2xf32>) beta = 1.0 outs(%acc, %max, %sum)
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32> -> tensor<1x2x4x5xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %r#0 : tensor<1x2x4x5xf32>
}

// -----

// A whole associate (not rewritten by hopfield-to-online) has no lowering.
func.func @associate_left(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x6x5xf32>) -> tensor<1x2x4x5xf32> {
  // expected-error @+1 {{failed to legalize operation 'hopfield.associate' that was explicitly marked illegal}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x5xf32> -> tensor<1x2x4x5xf32>
  return %out : tensor<1x2x4x5xf32>
}

// -----

// Nor does the merge of split-K partial results.
func.func @merge_left(%a0: tensor<1x2x4x5xf32>, %m0: tensor<1x2x4xf32>, %s0: tensor<1x2x4xf32>, %a1: tensor<1x2x4x5xf32>, %m1: tensor<1x2x4xf32>, %s1: tensor<1x2x4xf32>) -> tensor<1x2x4x5xf32> {
  // expected-error @+1 {{failed to legalize operation 'hopfield.merge' that was explicitly marked illegal}}
  %a, %m, %s = hopfield.merge (%a0, %m0, %s0), (%a1, %m1, %s1) : tensor<1x2x4x5xf32>, tensor<1x2x4xf32>
  return %a : tensor<1x2x4x5xf32>
}
