// RUN: hopfield-opt %s -transform-interpreter | FileCheck %s

// Heads and query tiles of an association become parallel scf.forall
// iterations (the upstream tile_using_forall through TilingInterface); the
// per-head beta, the broadcast padding mask and the bias follow the tile.

// CHECK-LABEL: func.func @parallel_heads_and_rows
// CHECK-SAME: (%[[Q:[^:]+]]: {{.*}}, %[[K:[^:]+]]: {{.*}}, %[[V:[^:]+]]: {{.*}}, %[[M:[^:]+]]: tensor<2x1x1x32xi1>, %[[B:[^:]+]]: tensor<1x4x16x32xf32>, %[[HB:[^:]+]]: tensor<4xf32>)
// CHECK: scf.forall (%[[H:[^,]+]], %[[LT:[^)]+]]) in (4, 2)
// CHECK: %[[L:.+]] = affine.apply #{{.+}}(%[[LT]])
// CHECK-DAG: %[[HBT:.+]] = tensor.extract_slice %[[HB]][%[[H]]] [1] [1]
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[M]][0, 0, 0, 0] [2, 1, 1, 32]
// CHECK-DAG: %[[BT:.+]] = tensor.extract_slice %[[B]][0, %[[H]], %[[L]], 0] [1, 1, 8, 32]
// The tile keeps its absolute query position for the causal mask.
// CHECK: %[[T:.+]] = hopfield.associate {{.+}} head_beta(%[[HBT]] : tensor<1xf32>) mask(%[[MT]] : tensor<2x1x1x32xi1>) bias(%[[BT]] : tensor<1x1x8x32xf32>) query_offset(%[[L]]) beta = 1.000000e+00 max_steps = [0] causal : tensor<2x1x8x8xf32>, tensor<2x1x32x8xf32>, tensor<2x1x32x8xf32> -> tensor<2x1x8x8xf32>
// CHECK: scf.forall.in_parallel
// CHECK: tensor.parallel_insert_slice %[[T]] into %{{.+}}[0, %[[H]], %[[L]], 0] [2, 1, 8, 8]
func.func @parallel_heads_and_rows(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x32x8xf32>,
                                   %v: tensor<2x4x32x8xf32>, %m: tensor<2x1x1x32xi1>,
                                   %b: tensor<1x4x16x32xf32>, %hb: tensor<4xf32>)
    -> tensor<2x4x16x8xf32> {
  %out = hopfield.associate %q, %k, %v head_beta(%hb : tensor<4xf32>)
      mask(%m : tensor<2x1x1x32xi1>) bias(%b : tensor<1x4x16x32xf32>)
      beta = 1.0 max_steps = [0] causal
      : tensor<2x4x16x8xf32>, tensor<2x4x32x8xf32>, tensor<2x4x32x8xf32>
      -> tensor<2x4x16x8xf32>
  return %out : tensor<2x4x16x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %tiled, %forall = transform.structured.tile_using_forall %op tile_sizes [0, 1, 8, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
