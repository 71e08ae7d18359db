// RUN: hopfield-opt %s -transform-interpreter -split-input-file -verify-diagnostics

// The tiling restrictions of hopfield.associate (dialect/HopfieldTiling.cpp):
// an iterating association keeps batch and query whole, per-head stop rules
// keep the heads whole. Besides the op's own message, the upstream tiling
// driver reports on the op "faild to tile operation" (sic, MLIR's spelling)
// and transform.structured.tile_using_for "failed to generate tiling loops".

// Tiling the batch dimension of an iterating association (max_steps = [3]).
func.func @tile_batch_of_iterating(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the batch dimension of an iterating association: its stopping rule spans all batch elements and queries of a head}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [3]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [1, 0, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling the batch dimension of an association iterating until convergence.
func.func @tile_batch_of_unbounded(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the batch dimension of an iterating association}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:3 = transform.structured.tile_using_for %op tile_sizes [1, 3, 0, 5]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling the query dimension of an iterating association.
func.func @tile_queries_of_iterating(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the query dimension of an iterating association: its stopping rule spans all batch elements and queries of a head}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 0, 2, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling the head dimension with per-head max_steps (no head iterates, still refused).
func.func @tile_heads_per_head_max_steps(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the head dimension of an association with per-head 'max_steps' or 'eps'}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0, 0, 0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 1, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling the head dimension with per-head eps.
func.func @tile_heads_per_head_eps(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the head dimension of an association with per-head 'max_steps' or 'eps'}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] {eps = array<f64: 1.0e-3, 1.0e-4, 1.0e-5>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 2, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling the head dimension of an iterating association with per-head budgets.
func.func @tile_heads_per_head_iterating(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>, %v: tensor<2x3x6x5xf32>) -> tensor<2x3x4x5xf32> {
  // expected-error @+3 {{cannot tile the head dimension of an association with per-head 'max_steps' or 'eps'}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{failed to generate tiling loops}}
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [1, unbounded, 3]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:2 = transform.structured.tile_using_for %op tile_sizes [0, 1, 0, 5]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
