// RUN: hopfield-opt %s -split-input-file -verify-diagnostics

// Negative tests for the verifiers of dialect/HopfieldOps.cpp: one case per
// message (and per operand/result dimension) of every hopfield op.

//===----------------------------------------------------------------------===//
// hopfield.associate
//===----------------------------------------------------------------------===//

// Query is not rank 4.
func.func @assoc_query_rank(%q: tensor<3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'query' must have rank 4 [B,H,L,D], got 'tensor<3x4x8xf32>'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Key is not rank 4.
func.func @assoc_key_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' must have rank 4 [B=2,H=3,S,D=8], got 'tensor<3x6x8xf32>'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Key batch differs from query.
func.func @assoc_key_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<1x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 0 (B) is 1, expected 2; expected shape [B=2,H=3,S,D=8]}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<1x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Key head count differs from query.
func.func @assoc_key_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 1 (H) is 2, expected 3}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Key feature size D differs from query.
func.func @assoc_key_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x7xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 3 (D) is 7, expected 8}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x7xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Value is not rank 4.
func.func @assoc_value_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6xf32>) {
  // expected-error @+1 {{'value' must have rank 4 [B=2,H=3,S=6,E], got 'tensor<2x3x6xf32>'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Value batch differs from query.
func.func @assoc_value_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<1x3x6x5xf32>) {
  // expected-error @+1 {{'value' dimension 0 (B) is 1, expected 2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<1x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Value head count differs from query.
func.func @assoc_value_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x4x6x5xf32>) {
  // expected-error @+1 {{'value' dimension 1 (H) is 4, expected 3}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x4x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Value key count S differs from key.
func.func @assoc_value_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x7x5xf32>) {
  // expected-error @+1 {{'value' dimension 2 (S) is 7, expected 6}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x7x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Key element type differs from query.
func.func @assoc_key_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf16>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf16>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Value element type differs from query.
func.func @assoc_value_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xbf16>) {
  // expected-error @+1 {{'value' has element type 'bf16', expected 'f32' (the element type of 'query')}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xbf16> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Dynamic sizes match anything, but a static mismatch elsewhere is still caught.
func.func @assoc_dynamic_key_mismatch(%q: tensor<?x3x?x8xf32>, %k: tensor<?x?x6x8xf32>, %v: tensor<2x3x7x5xf32>) {
  // expected-error @+1 {{'value' dimension 2 (S) is 7, expected 6}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<?x3x?x8xf32>, tensor<?x?x6x8xf32>, tensor<2x3x7x5xf32> -> tensor<?x3x?x5xf32>
  return
}

// -----

// Head_beta is not rank 1.
func.func @assoc_head_beta_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<3x1xf32>) {
  // expected-error @+1 {{'head_beta' must have rank 1 [H=3], got 'tensor<3x1xf32>'}}
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<3x1xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Head_beta length differs from the head count.
func.func @assoc_head_beta_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<2xf32>) {
  // expected-error @+1 {{'head_beta' dimension 0 (H) is 2, expected 3}}
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<2xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Head_beta element type differs from query.
func.func @assoc_head_beta_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf16>) {
  // expected-error @+1 {{'head_beta' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<3xf16>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Mask is not rank 4.
func.func @assoc_mask_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<4x6xi1>) {
  // expected-error @+1 {{'mask' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<4x6xi1>'}}
  %out = hopfield.associate %q, %k, %v mask(%mask : tensor<4x6xi1>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Mask batch is neither 1 nor B.
func.func @assoc_mask_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<3x1x4x6xi1>) {
  // expected-error @+1 {{'mask' dimension 0 (B) is 3, expected 1 or 2; expected shape [B=2,H=3,L=4,S=6]}}
  %out = hopfield.associate %q, %k, %v mask(%mask : tensor<3x1x4x6xi1>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Mask head count is neither 1 nor H.
func.func @assoc_mask_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x2x4x6xi1>) {
  // expected-error @+1 {{'mask' dimension 1 (H) is 2, expected 1 or 3}}
  %out = hopfield.associate %q, %k, %v mask(%mask : tensor<1x2x4x6xi1>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Mask query count is neither 1 nor L.
func.func @assoc_mask_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x1x5x6xi1>) {
  // expected-error @+1 {{'mask' dimension 2 (L) is 5, expected 1 or 4}}
  %out = hopfield.associate %q, %k, %v mask(%mask : tensor<1x1x5x6xi1>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Mask key count is neither 1 nor S.
func.func @assoc_mask_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x1x4x7xi1>) {
  // expected-error @+1 {{'mask' dimension 3 (S) is 7, expected 1 or 6}}
  %out = hopfield.associate %q, %k, %v mask(%mask : tensor<1x1x4x7xi1>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias is not rank 4.
func.func @assoc_bias_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x4x6xf32>) {
  // expected-error @+1 {{'bias' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<1x4x6xf32>'}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<1x4x6xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias batch is neither 1 nor B.
func.func @assoc_bias_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<4x3x4x6xf32>) {
  // expected-error @+1 {{'bias' dimension 0 (B) is 4, expected 1 or 2}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<4x3x4x6xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias head count is neither 1 nor H.
func.func @assoc_bias_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<2x2x4x6xf32>) {
  // expected-error @+1 {{'bias' dimension 1 (H) is 2, expected 1 or 3}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<2x2x4x6xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias query count is neither 1 nor L.
func.func @assoc_bias_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x3x6xf32>) {
  // expected-error @+1 {{'bias' dimension 2 (L) is 3, expected 1 or 4}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<1x1x3x6xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias key count is neither 1 nor S.
func.func @assoc_bias_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x4x5xf32>) {
  // expected-error @+1 {{'bias' dimension 3 (S) is 5, expected 1 or 6}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<1x1x4x5xf32>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Bias element type differs from query.
func.func @assoc_bias_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x4x6xf16>) {
  // expected-error @+1 {{'bias' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out = hopfield.associate %q, %k, %v bias(%bias : tensor<1x1x4x6xf16>) beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Beta is zero.
func.func @assoc_beta_zero(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got 0.000000e+00}}
  %out = hopfield.associate %q, %k, %v beta = 0.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Beta is negative.
func.func @assoc_beta_negative(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got -1.000000e+00}}
  %out = hopfield.associate %q, %k, %v beta = -1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Beta is +inf.
func.func @assoc_beta_inf(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got INF}}
  %out = hopfield.associate %q, %k, %v beta = 0x7FF0000000000000 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Beta is NaN.
func.func @assoc_beta_nan(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got nan}}
  %out = hopfield.associate %q, %k, %v beta = 0x7FF8000000000000 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Max_steps holds neither 1 value nor one per head.
func.func @assoc_max_steps_length(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'max_steps' must hold 1 value or 3 (one per head), got 2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, 2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Max_steps is empty.
func.func @assoc_max_steps_empty(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'max_steps' must hold 1 value or 3 (one per head), got 0}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = []
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Several max_steps values, but the head count is dynamic.
func.func @assoc_max_steps_length_dynamic_heads(%q: tensor<2x?x4x8xf32>, %k: tensor<2x?x6x8xf32>, %v: tensor<2x?x6x5xf32>) {
  // expected-error @+1 {{'max_steps' must hold 1 value, got 3}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, 2, 3]
      : tensor<2x?x4x8xf32>, tensor<2x?x6x8xf32>, tensor<2x?x6x5xf32> -> tensor<2x?x4x5xf32>
  return
}

// -----

// Max_steps entry below -1 (unbounded).
func.func @assoc_max_steps_below_unbounded(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'max_steps' entries must be >= 0 or 'unbounded', got -2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [-2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// One per-head max_steps entry below -1.
func.func @assoc_max_steps_per_head_below_unbounded(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'max_steps' entries must be >= 0 or 'unbounded', got -5}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0, unbounded, -5]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Eps holds neither 1 value nor one per head.
func.func @assoc_eps_length(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'eps' must hold 1 value or 3 (one per head), got 2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 1.0e-3, 1.0e-4>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Several eps values, but the head count is dynamic.
func.func @assoc_eps_length_dynamic_heads(%q: tensor<2x?x4x8xf32>, %k: tensor<2x?x6x8xf32>, %v: tensor<2x?x6x5xf32>) {
  // expected-error @+1 {{'eps' must hold 1 value, got 2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 1.0e-3, 1.0e-4>}
      : tensor<2x?x4x8xf32>, tensor<2x?x6x8xf32>, tensor<2x?x6x5xf32> -> tensor<2x?x4x5xf32>
  return
}

// -----

// Eps is zero.
func.func @assoc_eps_zero(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'eps' must be positive and finite, got 0.000000e+00}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 0.0>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// A per-head eps is negative.
func.func @assoc_eps_negative(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'eps' must be positive and finite, got -1.000000e+00}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 1.0e-3, -1.0, 1.0e-3>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Eps is +inf.
func.func @assoc_eps_inf(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'eps' must be positive and finite, got INF}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 0x7FF0000000000000>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Output is not rank 4.
func.func @assoc_output_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' must have rank 4 [B=2,H=3,L=4,E=5], got 'tensor<3x4x5xf32>'}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<3x4x5xf32>
  return
}

// -----

// Output batch differs from query.
func.func @assoc_output_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 0 (B) is 1, expected 2}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<1x3x4x5xf32>
  return
}

// -----

// Output head count differs from query.
func.func @assoc_output_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 1 (H) is 1, expected 3}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x1x4x5xf32>
  return
}

// -----

// Output query count differs from query.
func.func @assoc_output_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 2 (L) is 8, expected 4}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x8x5xf32>
  return
}

// -----

// Output feature size differs from value's E.
func.func @assoc_output_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 3 (E) is 8, expected 5}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x8xf32>
  return
}

// -----

// Output element type differs from query.
func.func @assoc_output_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf16>
  return
}

// -----

// Association is not rank 4.
func.func @assoc_association_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<2x3x4xf32>'}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x3x4xf32>
  return
}

// -----

// Association batch differs from query.
func.func @assoc_association_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' dimension 0 (B) is 1, expected 2}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<1x3x4x6xf32>
  return
}

// -----

// Association head count differs from query.
func.func @assoc_association_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' dimension 1 (H) is 2, expected 3}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x2x4x6xf32>
  return
}

// -----

// Association query count differs from query.
func.func @assoc_association_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' dimension 2 (L) is 6, expected 4}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x3x6x6xf32>
  return
}

// -----

// Association key count differs from key.
func.func @assoc_association_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' dimension 3 (S) is 4, expected 6}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x3x4x4xf32>
  return
}

// -----

// Association element type differs from query.
func.func @assoc_association_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'association' has element type 'f64', expected 'f32' (the element type of 'query')}}
  %out, %assoc = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf64>
  return
}

// -----

// Steps is not rank 1.
func.func @assoc_steps_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'steps' must have rank 1 [H=3], got 'tensor<2x3xi64>'}}
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> steps tensor<2x3xi64>
  return
}

// -----

// Steps length differs from the head count.
func.func @assoc_steps_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'steps' dimension 0 (H) is 4, expected 3}}
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> steps tensor<4xi64>
  return
}

// -----

// Steps length is wrong while association is fine.
func.func @assoc_steps_after_association(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'steps' dimension 0 (H) is 1, expected 3}}
  %out, %assoc, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<1xi64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.online_associate
//===----------------------------------------------------------------------===//

// Query is not rank 4.
func.func @online_query_rank(%q: tensor<2x3x4x8x1xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'query' must have rank 4 [B,H,L,D], got 'tensor<2x3x4x8x1xf32>'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8x1xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Key is not rank 4.
func.func @online_key_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'key' must have rank 4 [B=2,H=3,S,D=8]}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Key batch differs from query.
func.func @online_key_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<3x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'key' dimension 0 (B) is 3, expected 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<3x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Key head count differs from query.
func.func @online_key_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x1x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'key' dimension 1 (H) is 1, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x1x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Key feature size D differs from query.
func.func @online_key_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x16xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'key' dimension 3 (D) is 16, expected 8}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Value is not rank 4.
func.func @online_value_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5x1xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'value' must have rank 4 [B=2,H=3,S=6,E]}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5x1xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Value batch differs from query.
func.func @online_value_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<1x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'value' dimension 0 (B) is 1, expected 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<1x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Value head count differs from query.
func.func @online_value_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x2x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'value' dimension 1 (H) is 2, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x2x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Value key count differs from key.
func.func @online_value_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x5x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'value' dimension 2 (S) is 5, expected 6}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x5x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Key element type differs from query.
func.func @online_key_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xbf16>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'key' has element type 'bf16', expected 'f32' (the element type of 'query')}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xbf16>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Value element type differs from query.
func.func @online_value_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf16>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'value' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf16> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Head_beta is not rank 1.
func.func @online_head_beta_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<1x3xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'head_beta' must have rank 1 [H=3]}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<1x3xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Head_beta length differs from the head count.
func.func @online_head_beta_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<4xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'head_beta' dimension 0 (H) is 4, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<4xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Head_beta element type differs from query.
func.func @online_head_beta_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf64>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'head_beta' has element type 'f64', expected 'f32'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<3xf64>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Mask is not rank 4.
func.func @online_mask_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<2x3x4x6x1xi1>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mask' must have rank 4 [B=2,H=3,L=4,S=6]}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v mask(%mask : tensor<2x3x4x6x1xi1>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Mask batch is neither 1 nor B.
func.func @online_mask_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<5x3x4x6xi1>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mask' dimension 0 (B) is 5, expected 1 or 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v mask(%mask : tensor<5x3x4x6xi1>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Mask head count is neither 1 nor H.
func.func @online_mask_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<2x2x4x6xi1>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mask' dimension 1 (H) is 2, expected 1 or 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v mask(%mask : tensor<2x2x4x6xi1>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Mask query count is neither 1 nor L.
func.func @online_mask_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<2x3x2x6xi1>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mask' dimension 2 (L) is 2, expected 1 or 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v mask(%mask : tensor<2x3x2x6xi1>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Mask key count is neither 1 nor S.
func.func @online_mask_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<2x3x4x3xi1>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'mask' dimension 3 (S) is 3, expected 1 or 6}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v mask(%mask : tensor<2x3x4x3xi1>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias is not rank 4.
func.func @online_bias_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<6xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' must have rank 4 [B=2,H=3,L=4,S=6]}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<6xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias batch is neither 1 nor B.
func.func @online_bias_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<3x1x1x1xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' dimension 0 (B) is 3, expected 1 or 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<3x1x1x1xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias head count is neither 1 nor H.
func.func @online_bias_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x4x1x1xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' dimension 1 (H) is 4, expected 1 or 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<1x4x1x1xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias query count is neither 1 nor L.
func.func @online_bias_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x2x1xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' dimension 2 (L) is 2, expected 1 or 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<1x1x2x1xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias key count is neither 1 nor S.
func.func @online_bias_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x1x2xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' dimension 3 (S) is 2, expected 1 or 6}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<1x1x1x2xf32>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Bias element type differs from query.
func.func @online_bias_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %bias: tensor<1x1x1x6xbf16>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'bias' has element type 'bf16', expected 'f32'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v bias(%bias : tensor<1x1x1x6xbf16>) beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Beta is zero.
func.func @online_beta_zero(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got 0.000000e+00}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Beta is negative.
func.func @online_beta_negative(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got -1.000000e+00}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = -1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Beta is -inf.
func.func @online_beta_inf(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got -INF}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0xFFF0000000000000
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Acc_init is not rank 4.
func.func @online_acc_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init' must have rank 4 [B=2,H=3,L=4,E=5], got 'tensor<2x3x4xf32>'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Acc_init batch differs from query.
func.func @online_acc_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<1x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init' dimension 0 (B) is 1, expected 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<1x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Acc_init head count differs from query.
func.func @online_acc_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x2x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init' dimension 1 (H) is 2, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x2x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Acc_init query count differs from query.
func.func @online_acc_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x1x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init' dimension 2 (L) is 1, expected 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x1x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Acc_init feature size differs from value's E.
func.func @online_acc_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x8xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init' dimension 3 (E) is 8, expected 5}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Max_init is not rank 3.
func.func @online_max_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4x1xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'max_init' must have rank 3 [B=2,H=3,L=4], got 'tensor<2x3x4x1xf32>'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x1xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Max_init batch differs from query.
func.func @online_max_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<4x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'max_init' dimension 0 (B) is 4, expected 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<4x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Max_init head count differs from query.
func.func @online_max_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x1x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'max_init' dimension 1 (H) is 1, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x1x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Max_init query count differs from query.
func.func @online_max_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'max_init' dimension 2 (L) is 5, expected 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x5xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Sum_init is not rank 3.
func.func @online_sum_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3xf32>) {
  // expected-error @+1 {{'sum_init' must have rank 3 [B=2,H=3,L=4], got 'tensor<2x3xf32>'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3xf32>
  return
}

// -----

// Sum_init batch differs from query.
func.func @online_sum_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'sum_init' dimension 0 (B) is 3, expected 2}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<3x3x4xf32>
  return
}

// -----

// Sum_init head count differs from query.
func.func @online_sum_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x4x4xf32>) {
  // expected-error @+1 {{'sum_init' dimension 1 (H) is 4, expected 3}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x4x4xf32>
  return
}

// -----

// Sum_init query count differs from query.
func.func @online_sum_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x2xf32>) {
  // expected-error @+1 {{'sum_init' dimension 2 (L) is 2, expected 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x2xf32>
  return
}

// -----

// Max_init element type differs from acc_init.
func.func @online_state_element_max(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf16>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_init', 'max_init' and 'sum_init' must share one element type, got 'f32', 'f16', 'f32'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf16>, tensor<2x3x4xf32>
  return
}

// -----

// Sum_init element type differs from acc_init.
func.func @online_state_element_sum(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xbf16>) {
  // expected-error @+1 {{'acc_init', 'max_init' and 'sum_init' must share one element type, got 'f32', 'f32', 'bf16'}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xbf16>
  return
}

// -----

// The running state may be wider than query (not an error): only a later mismatch fires.
func.func @online_state_f32_for_bf16(%q: tensor<2x3x4x8xbf16>, %k: tensor<2x3x6x8xbf16>, %v: tensor<2x3x6x5xbf16>, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x3xf32>) {
  // expected-error @+1 {{'sum_init' dimension 2 (L) is 3, expected 4}}
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xbf16>, tensor<2x3x6x8xbf16>, tensor<2x3x6x5xbf16> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x3xf32>
  return
}

// -----

// Query_offset without key_offset (generic form: the custom syntax takes both or neither).
func.func @online_query_offset_alone(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %qo: index, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'query_offset' and 'key_offset' must be given together}}
  %a, %m, %s = "hopfield.online_associate"(%q, %k, %v, %qo, %acc, %max, %sum)
      <{beta = 1.0 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1>}>
      : (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>, index, tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>)
  return
}

// -----

// Key_offset without query_offset (generic form).
func.func @online_key_offset_alone(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %ko: index, %acc: tensor<2x3x4x5xf32>, %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'query_offset' and 'key_offset' must be given together}}
  %a, %m, %s = "hopfield.online_associate"(%q, %k, %v, %ko, %acc, %max, %sum)
      <{beta = 1.0 : f64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1>}>
      : (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>, index, tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.merge
//===----------------------------------------------------------------------===//

// The 'sum_a' shape messages of the shared partial-state check cannot fire
// for merge: AllTypesMatch gives sum_a the type of max_a, which is checked
// first. B, H, L come from acc_a itself, so only max_a can mismatch them.

// Acc is not rank 4.
func.func @merge_acc_rank(%acc_a: tensor<2x3x4xf32>, %max_a: tensor<2x3x4xf32>, %sum_a: tensor<2x3x4xf32>, %acc_b: tensor<2x3x4xf32>, %max_b: tensor<2x3x4xf32>, %sum_b: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc_a' must have rank 4 [B,H,L,E], got 'tensor<2x3x4xf32>'}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Max is not rank 3.
func.func @merge_max_rank(%acc_a: tensor<2x3x4x5xf32>, %max_a: tensor<2x3x4x5xf32>, %sum_a: tensor<2x3x4x5xf32>, %acc_b: tensor<2x3x4x5xf32>, %max_b: tensor<2x3x4x5xf32>, %sum_b: tensor<2x3x4x5xf32>) {
  // expected-error @+1 {{'max_a' must have rank 3 [B=2,H=3,L=4], got 'tensor<2x3x4x5xf32>'}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
  return
}

// -----

// Max batch differs from acc.
func.func @merge_max_batch(%acc_a: tensor<2x3x4x5xf32>, %max_a: tensor<1x3x4xf32>, %sum_a: tensor<1x3x4xf32>, %acc_b: tensor<2x3x4x5xf32>, %max_b: tensor<1x3x4xf32>, %sum_b: tensor<1x3x4xf32>) {
  // expected-error @+1 {{'max_a' dimension 0 (B) is 1, expected 2}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4x5xf32>, tensor<1x3x4xf32>
  return
}

// -----

// Max head count differs from acc.
func.func @merge_max_heads(%acc_a: tensor<2x3x4x5xf32>, %max_a: tensor<2x2x4xf32>, %sum_a: tensor<2x2x4xf32>, %acc_b: tensor<2x3x4x5xf32>, %max_b: tensor<2x2x4xf32>, %sum_b: tensor<2x2x4xf32>) {
  // expected-error @+1 {{'max_a' dimension 1 (H) is 2, expected 3}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4x5xf32>, tensor<2x2x4xf32>
  return
}

// -----

// Max query count differs from acc.
func.func @merge_max_queries(%acc_a: tensor<2x3x4x5xf32>, %max_a: tensor<2x3x3xf32>, %sum_a: tensor<2x3x3xf32>, %acc_b: tensor<2x3x4x5xf32>, %max_b: tensor<2x3x3xf32>, %sum_b: tensor<2x3x3xf32>) {
  // expected-error @+1 {{'max_a' dimension 2 (L) is 3, expected 4}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4x5xf32>, tensor<2x3x3xf32>
  return
}

// -----

// Max/sum element type differs from acc.
func.func @merge_element(%acc_a: tensor<2x3x4x5xf32>, %max_a: tensor<2x3x4xf16>, %sum_a: tensor<2x3x4xf16>, %acc_b: tensor<2x3x4x5xf32>, %max_b: tensor<2x3x4xf16>, %sum_b: tensor<2x3x4xf16>) {
  // expected-error @+1 {{'acc_a', 'max_a' and 'sum_a' must share one element type, got 'f32', 'f16', 'f16'}}
  %acc, %max, %sum = hopfield.merge (%acc_a, %max_a, %sum_a), (%acc_b, %max_b, %sum_b)
      : tensor<2x3x4x5xf32>, tensor<2x3x4xf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.finalize
//===----------------------------------------------------------------------===//

// Acc is not rank 4.
func.func @finalize_acc_rank(%acc: tensor<3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'acc' must have rank 4 [B,H,L,E], got 'tensor<3x4x5xf32>'}}
  %out = hopfield.finalize %acc, %sum : tensor<3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Sum is not rank 3.
func.func @finalize_sum_rank(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4x1xf32>) {
  // expected-error @+1 {{'sum' must have rank 3 [B=2,H=3,L=4], got 'tensor<2x3x4x1xf32>'}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4x1xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Sum batch differs from acc.
func.func @finalize_sum_batch(%acc: tensor<2x3x4x5xf32>, %sum: tensor<1x3x4xf32>) {
  // expected-error @+1 {{'sum' dimension 0 (B) is 1, expected 2}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<1x3x4xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Sum head count differs from acc.
func.func @finalize_sum_heads(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x1x4xf32>) {
  // expected-error @+1 {{'sum' dimension 1 (H) is 1, expected 3}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x1x4xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Sum query count differs from acc.
func.func @finalize_sum_queries(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x8xf32>) {
  // expected-error @+1 {{'sum' dimension 2 (L) is 8, expected 4}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x8xf32> -> tensor<2x3x4x5xf32>
  return
}

// -----

// Output is not rank 4.
func.func @finalize_output_rank(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'output' must have rank 4 [B=2,H=3,L=4,E=5], got 'tensor<2x3x4xf32>'}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return
}

// -----

// Output batch differs from acc.
func.func @finalize_output_batch(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'output' dimension 0 (B) is 3, expected 2}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<3x3x4x5xf32>
  return
}

// -----

// Output head count differs from acc.
func.func @finalize_output_heads(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'output' dimension 1 (H) is 2, expected 3}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x2x4x5xf32>
  return
}

// -----

// Output query count differs from acc.
func.func @finalize_output_queries(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'output' dimension 2 (L) is 1, expected 4}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x1x5xf32>
  return
}

// -----

// Output feature size differs from acc.
func.func @finalize_output_features(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'output' dimension 3 (E) is 4, expected 5}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x4xf32>
  return
}

// -----

// Sum element type differs from acc.
func.func @finalize_sum_element(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf16>) {
  // expected-error @+1 {{'sum' must have the element type of 'acc' ('f32')}}
  %out = hopfield.finalize %acc, %sum : tensor<2x3x4x5xf32>, tensor<2x3x4xf16> -> tensor<2x3x4x5xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.mha
//===----------------------------------------------------------------------===//

// Query is not rank 4.
func.func @mha_query_rank(%q: tensor<4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'query' must have rank 4 [B,H,L,D], got 'tensor<4x8xf32>'}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Key is not rank 4.
func.func @mha_key_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' must have rank 4 [B=2,H=3,S,D=8]}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Key batch differs from query.
func.func @mha_key_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<1x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 0 (B) is 1, expected 2}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<1x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Key head count differs from query.
func.func @mha_key_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x6x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 1 (H) is 6, expected 3}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x6x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Key feature size D differs from query.
func.func @mha_key_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x4xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' dimension 3 (D) is 4, expected 8}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x4xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Value is not rank 4.
func.func @mha_value_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<3x6x5xf32>) {
  // expected-error @+1 {{'value' must have rank 4 [B=2,H=3,S=6,E]}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Value batch differs from query.
func.func @mha_value_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<4x3x6x5xf32>) {
  // expected-error @+1 {{'value' dimension 0 (B) is 4, expected 2}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<4x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Value head count differs from query.
func.func @mha_value_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x1x6x5xf32>) {
  // expected-error @+1 {{'value' dimension 1 (H) is 1, expected 3}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x1x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Value key count differs from key.
func.func @mha_value_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x2x5xf32>) {
  // expected-error @+1 {{'value' dimension 2 (S) is 2, expected 6}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x2x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Key element type differs from query.
func.func @mha_key_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf64>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'key' has element type 'f64', expected 'f32' (the element type of 'query')}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf64>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Value element type differs from query.
func.func @mha_value_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf16>) {
  // expected-error @+1 {{'value' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf16> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Alpha_hidden below 0.
func.func @mha_alpha_negative(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'alpha_hidden' must be in [0, 1], got -5.000000e-01}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = -0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Alpha_hidden above 1.
func.func @mha_alpha_above_one(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'alpha_hidden' must be in [0, 1], got 1.500000e+00}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 1.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Alpha_hidden is NaN.
func.func @mha_alpha_nan(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'alpha_hidden' must be in [0, 1], got nan}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0x7FF8000000000000
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Scale is zero.
func.func @mha_scale_zero(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'scale' must be positive and finite, got 0.000000e+00}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5 scale = 0.0
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Scale is negative.
func.func @mha_scale_negative(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'scale' must be positive and finite, got -1.000000e+00}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5 scale = -1.0
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Scale is +inf.
func.func @mha_scale_inf(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'scale' must be positive and finite, got INF}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5 scale = 0x7FF0000000000000
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// No scale while D is dynamic.
func.func @mha_scale_missing_dynamic_d(%q: tensor<2x3x4x?xf32>, %k: tensor<2x3x6x?xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'scale' is required when the query feature size D is dynamic or 0 (the default is 1/sqrt(D))}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x?xf32>, tensor<2x3x6x?xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Mask is not rank 4.
func.func @mha_mask_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<4x6xi1>) {
  // expected-error @+1 {{'mask' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<4x6xi1>'}}
  %out, %hidden = hopfield.mha %q, %k, %v mask(%mask : tensor<4x6xi1>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Mask batch is neither 1 nor B.
func.func @mha_mask_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<3x3x4x6xi1>) {
  // expected-error @+1 {{'mask' dimension 0 (B) is 3, expected 1 or 2}}
  %out, %hidden = hopfield.mha %q, %k, %v mask(%mask : tensor<3x3x4x6xi1>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Mask head count is neither 1 nor H.
func.func @mha_mask_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x2x4x6xi1>) {
  // expected-error @+1 {{'mask' dimension 1 (H) is 2, expected 1 or 3}}
  %out, %hidden = hopfield.mha %q, %k, %v mask(%mask : tensor<1x2x4x6xi1>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Mask query count is neither 1 nor L.
func.func @mha_mask_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x1x3x6xi1>) {
  // expected-error @+1 {{'mask' dimension 2 (L) is 3, expected 1 or 4}}
  %out, %hidden = hopfield.mha %q, %k, %v mask(%mask : tensor<1x1x3x6xi1>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Mask key count is neither 1 nor S.
func.func @mha_mask_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %mask: tensor<1x1x1x4xi1>) {
  // expected-error @+1 {{'mask' dimension 3 (S) is 4, expected 1 or 6}}
  %out, %hidden = hopfield.mha %q, %k, %v mask(%mask : tensor<1x1x1x4xi1>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in is not rank 4.
func.func @mha_hidden_in_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<3x4x6xf32>) {
  // expected-error @+1 {{'hidden_in' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<3x4x6xf32>'}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<3x4x6xf32>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in batch differs from query (no broadcasting).
func.func @mha_hidden_in_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<1x3x4x6xf32>) {
  // expected-error @+1 {{'hidden_in' dimension 0 (B) is 1, expected 2}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<1x3x4x6xf32>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in head count differs from query.
func.func @mha_hidden_in_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<2x1x4x6xf32>) {
  // expected-error @+1 {{'hidden_in' dimension 1 (H) is 1, expected 3}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<2x1x4x6xf32>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in query count differs from query.
func.func @mha_hidden_in_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<2x3x5x6xf32>) {
  // expected-error @+1 {{'hidden_in' dimension 2 (L) is 5, expected 4}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<2x3x5x6xf32>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in key count differs from key.
func.func @mha_hidden_in_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<2x3x4x7xf32>) {
  // expected-error @+1 {{'hidden_in' dimension 3 (S) is 7, expected 6}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<2x3x4x7xf32>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden_in element type differs from query.
func.func @mha_hidden_in_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>, %h: tensor<2x3x4x6xf16>) {
  // expected-error @+1 {{'hidden_in' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %out, %hidden = hopfield.mha %q, %k, %v hidden(%h : tensor<2x3x4x6xf16>) alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output is not rank 4.
func.func @mha_output_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' must have rank 4 [B=2,H=3,L=4,E=5], got 'tensor<2x3x4x5x1xf32>'}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5x1xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output batch differs from query.
func.func @mha_output_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 0 (B) is 1, expected 2}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<1x3x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output head count differs from query.
func.func @mha_output_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 1 (H) is 2, expected 3}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x2x4x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output query count differs from query.
func.func @mha_output_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 2 (L) is 6, expected 4}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x6x5xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output feature size differs from value's E.
func.func @mha_output_features(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' dimension 3 (E) is 8, expected 5}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x8xf32>, tensor<2x3x4x6xf32>
  return
}

// -----

// Output element type differs from query.
func.func @mha_output_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'output' has element type 'bf16', expected 'f32' (the element type of 'query')}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xbf16>, tensor<2x3x4x6xf32>
  return
}

// -----

// Hidden is not rank 4.
func.func @mha_hidden_rank(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<2x3x4xf32>'}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>
  return
}

// -----

// Hidden batch differs from query.
func.func @mha_hidden_batch(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' dimension 0 (B) is 3, expected 2}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<3x3x4x6xf32>
  return
}

// -----

// Hidden head count differs from query.
func.func @mha_hidden_heads(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' dimension 1 (H) is 1, expected 3}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x1x4x6xf32>
  return
}

// -----

// Hidden query count differs from query.
func.func @mha_hidden_queries(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' dimension 2 (L) is 1, expected 4}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x1x6xf32>
  return
}

// -----

// Hidden key count differs from key.
func.func @mha_hidden_keys(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' dimension 3 (S) is 5, expected 6}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
  return
}

// -----

// Hidden element type differs from query.
func.func @mha_hidden_element(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) {
  // expected-error @+1 {{'hidden' has element type 'f64', expected 'f32' (the element type of 'query')}}
  %out, %hidden = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.lse
//===----------------------------------------------------------------------===//

// Beta is zero.
func.func @lse_beta_zero(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got 0.000000e+00}}
  %r = hopfield.lse %x beta = 0.0 : tensor<4x6xf32> -> tensor<4xf32>
  return
}

// -----

// Beta is negative.
func.func @lse_beta_negative(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got -1.000000e+00}}
  %r = hopfield.lse %x beta = -1.0 : tensor<4x6xf32> -> tensor<4xf32>
  return
}

// -----

// Beta is NaN.
func.func @lse_beta_nan(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got nan}}
  %r = hopfield.lse %x beta = 0x7FF8000000000000 : tensor<4x6xf32> -> tensor<4xf32>
  return
}

// -----

// Input is rank 0: nothing to reduce.
func.func @lse_input_rank0(%x: tensor<f32>) {
  // expected-error @+1 {{'input' must have rank >= 1 (the last axis is reduced)}}
  %r = hopfield.lse %x beta = 1.0 : tensor<f32> -> tensor<f32>
  return
}

// -----

// Result keeps the reduced axis.
func.func @lse_result_rank(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'result' must have rank 1 [d=4], got 'tensor<4x6xf32>'}}
  %r = hopfield.lse %x beta = 1.0 : tensor<4x6xf32> -> tensor<4x6xf32>
  return
}

// -----

// A rank-1 input reduces to a rank-0 result.
func.func @lse_result_rank_from_vector(%x: tensor<6xf32>) {
  // expected-error @+1 {{'result' must have rank 0 [], got 'tensor<1xf32>'}}
  %r = hopfield.lse %x beta = 1.0 : tensor<6xf32> -> tensor<1xf32>
  return
}

// -----

// Result dimension differs from the input's leading dimension.
func.func @lse_result_dim(%x: tensor<2x4x6xf32>) {
  // expected-error @+1 {{'result' dimension 1 (d) is 3, expected 4; expected shape [d=2,d=4]}}
  %r = hopfield.lse %x beta = 1.0 : tensor<2x4x6xf32> -> tensor<2x3xf32>
  return
}

// -----

// Result element type differs from input.
func.func @lse_result_element(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'result' must have the element type of 'input' ('f32')}}
  %r = hopfield.lse %x beta = 1.0 : tensor<4x6xf32> -> tensor<4xf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.energy
//===----------------------------------------------------------------------===//

// Beta is zero.
func.func @energy_beta_zero(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got 0.000000e+00}}
  %e = hopfield.energy %x, %p beta = 0.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x4xf32>
  return
}

// -----

// Beta is negative.
func.func @energy_beta_negative(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got -1.000000e+00}}
  %e = hopfield.energy %x, %p beta = -1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x4xf32>
  return
}

// -----

// Beta is +inf.
func.func @energy_beta_inf(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'beta' must be positive and finite, got INF}}
  %e = hopfield.energy %x, %p beta = 0x7FF0000000000000 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x4xf32>
  return
}

// -----

// State has rank 1: no [L,D] trailing dims.
func.func @energy_state_rank(%x: tensor<8xf32>, %p: tensor<6x8xf32>) {
  // expected-error @+1 {{'state' must have rank >= 2 [...,L,D], got 'tensor<8xf32>'}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<8xf32>, tensor<6x8xf32> -> tensor<1xf32>
  return
}

// -----

// Patterns rank differs from state.
func.func @energy_patterns_rank(%x: tensor<2x4x8xf32>, %p: tensor<6x8xf32>) {
  // expected-error @+1 {{'patterns' must have rank 3 [d=2,N,D=8], got 'tensor<6x8xf32>'}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<6x8xf32> -> tensor<2x4xf32>
  return
}

// -----

// Patterns leading dimension differs from state.
func.func @energy_patterns_leading(%x: tensor<2x4x8xf32>, %p: tensor<3x6x8xf32>) {
  // expected-error @+1 {{'patterns' dimension 0 (d) is 3, expected 2}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<3x6x8xf32> -> tensor<2x4xf32>
  return
}

// -----

// Patterns feature size D differs from state.
func.func @energy_patterns_features(%x: tensor<2x4x8xf32>, %p: tensor<2x6x4xf32>) {
  // expected-error @+1 {{'patterns' dimension 2 (D) is 4, expected 8}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x4xf32> -> tensor<2x4xf32>
  return
}

// -----

// Energy keeps the feature axis.
func.func @energy_energy_rank(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'energy' must have rank 2 [d=2,L=4], got 'tensor<2x4x8xf32>'}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x4x8xf32>
  return
}

// -----

// Energy leading dimension differs from state.
func.func @energy_energy_leading(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'energy' dimension 0 (d) is 1, expected 2}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<1x4xf32>
  return
}

// -----

// Energy L differs from state.
func.func @energy_energy_queries(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'energy' dimension 1 (L) is 6, expected 4}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x6xf32>
  return
}

// -----

// Patterns element type differs from state.
func.func @energy_patterns_element(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf16>) {
  // expected-error @+1 {{'patterns' and 'energy' must have the element type of 'state' ('f32')}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf16> -> tensor<2x4xf32>
  return
}

// -----

// Energy element type differs from state.
func.func @energy_energy_element(%x: tensor<2x4x8xf32>, %p: tensor<2x6x8xf32>) {
  // expected-error @+1 {{'patterns' and 'energy' must have the element type of 'state' ('f32')}}
  %e = hopfield.energy %x, %p beta = 1.0 : tensor<2x4x8xf32>, tensor<2x6x8xf32> -> tensor<2x4xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hopfield.association_change
//===----------------------------------------------------------------------===//

// Query_a is not rank 4.
func.func @change_query_rank(%qa: tensor<3x4x8xf32>, %qb: tensor<3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'query' must have rank 4 [B,H,L,D], got 'tensor<3x4x8xf32>'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<3x4x8xf32>, tensor<3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Key is not rank 4.
func.func @change_key_rank(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'key' must have rank 4 [B=2,H=3,S,D=8], got 'tensor<3x6x8xf32>'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Key batch differs from the query.
func.func @change_key_batch(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<1x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'key' dimension 0 (B) is 1, expected 2; expected shape [B=2,H=3,S,D=8]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<1x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Key head count differs from the query.
func.func @change_key_heads(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x2x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'key' dimension 1 (H) is 2, expected 3; expected shape [B=2,H=3,S,D=8]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Key feature size differs from the query.
func.func @change_key_features(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x7xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'key' dimension 3 (D) is 7, expected 8; expected shape [B=2,H=3,S,D=8]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x7xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Key element type differs from the query.
func.func @change_key_element(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf16>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'key' has element type 'f16', expected 'f32' (the element type of 'query')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf16>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Mask is not rank 4.
func.func @change_mask_rank(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %m: tensor<2x6xi1>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'mask' must have rank 4 [B=2,H=3,L=4,S=6], got 'tensor<2x6xi1>'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) mask(%m : tensor<2x6xi1>) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Mask key dimension neither S nor 1.
func.func @change_mask_keys(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %m: tensor<2x1x1x5xi1>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'mask' dimension 3 (S) is 5, expected 1 or 6; expected shape [B=2,H=3,L=4,S=6]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) mask(%m : tensor<2x1x1x5xi1>) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Bias query dimension neither L nor 1.
func.func @change_bias_queries(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %b: tensor<1x1x3x6xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'bias' dimension 2 (L) is 3, expected 1 or 4; expected shape [B=2,H=3,L=4,S=6]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) bias(%b : tensor<1x1x3x6xf32>) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Bias element type differs from the query.
func.func @change_bias_element(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %b: tensor<1x1x4x6xf64>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'bias' has element type 'f64', expected 'f32' (the element type of 'query')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) bias(%b : tensor<1x1x4x6xf64>) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Query_offset without key_offset (generic form: the custom syntax takes both or neither).
func.func @change_query_offset_alone(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %qo: index, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'query_offset' and 'key_offset' must be given together}}
  %c = "hopfield.association_change"(%qa, %qb, %k, %la, %lb, %qo, %init)
      <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 1, 0, 1>}>
      : (tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, index, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// Key_offset without query_offset (generic form).
func.func @change_key_offset_alone(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %ko: index, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'query_offset' and 'key_offset' must be given together}}
  %c = "hopfield.association_change"(%qa, %qb, %k, %la, %lb, %ko, %init)
      <{causal, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 1, 1>}>
      : (tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, index, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// Lse_a is not rank 3.
func.func @change_lse_rank(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4x1xf32>, %lb: tensor<2x3x4x1xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'lse_a' must have rank 3 [B=2,H=3,L=4], got 'tensor<2x3x4x1xf32>'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4x1xf32>, tensor<2x3x4x1xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Lse_a has the wrong number of query rows.
func.func @change_lse_queries(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x6xf32>, %lb: tensor<2x3x6xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'lse_a' dimension 2 (L) is 6, expected 4; expected shape [B=2,H=3,L=4]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6xf32>, tensor<2x3x6xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Init is not rank 2.
func.func @change_init_rank(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<3xf32>) {
  // expected-error @+1 {{'init' must have rank 2 [B=2,H=3], got 'tensor<3xf32>'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

// Init has the wrong number of heads.
func.func @change_init_heads(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x2xf32>) {
  // expected-error @+1 {{'init' dimension 1 (H) is 2, expected 3; expected shape [B=2,H=3]}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return
}

// -----

// Query_b differs in type from query_a (here: more queries).
func.func @change_query_b_type(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x5x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'query_b' must have the type of 'query_a' ('tensor<2x3x4x8xf32>')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x5x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Query_b is dynamic where query_a is static: the types must be identical.
func.func @change_query_b_dynamic(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x?x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'query_b' must have the type of 'query_a' ('tensor<2x3x4x8xf32>')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x?x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Lse_b differs in type from lse_a.
func.func @change_lse_b_type(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf64>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{'lse_b' must have the type of 'lse_a' ('tensor<2x3x4xf32>')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf64>, tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

// Result differs in type from init.
func.func @change_result_type(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>) {
  // expected-error @+1 {{result must have the type of 'init' ('tensor<2x3xf32>')}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf64>
  return
}

// -----

// Lse and init disagree on the accumulator element type.
func.func @change_lse_init_element(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>, %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf64>) {
  // expected-error @+1 {{'lse_a' and 'init' must share one element type, got 'f32' and 'f64'}}
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf64> -> tensor<2x3xf64>
  return
}
