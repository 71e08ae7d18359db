// RUN: hopfield-opt %s -transform-interpreter | FileCheck %s

// The TilingInterface of hopfield.association_change through the upstream
// transform op: tiling its reductions l and s with tile_using_for gives a
// query loop and a key loop, both carrying the whole [B,H] accumulator; the
// tile positions reach the op as offsets.

// CHECK-LABEL: func.func @reductions
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x16x8xf32>, %{{[^:]+}}: tensor<2x3x16x8xf32>, %[[K:[^:]+]]: tensor<2x3x32x8xf32>, %{{[^:]+}}: tensor<2x3x16xf32>, %{{[^:]+}}: tensor<2x3x16xf32>, %[[I:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = scf.for %[[L:[^ ]+]] = {{.+}} iter_args(%[[A:[^ ]+]] = %[[I]]) -> (tensor<2x3xf32>)
// CHECK: scf.for %[[S:[^ ]+]] = {{.+}} iter_args(%[[B:[^ ]+]] = %[[A]]) -> (tensor<2x3xf32>)
// CHECK-DAG: tensor.extract_slice %[[QA]][0, 0, %[[L]], 0] [2, 3, 4, 8]
// CHECK-DAG: tensor.extract_slice %[[K]][0, 0, %[[S]], 0] [2, 3, 8, 8]
// CHECK: %[[C:.+]] = hopfield.association_change {{.+}} offsets(%[[L]], %[[S]]) outs(%{{.+}}) : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x8x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: tensor.insert_slice %[[C]] into %[[B]][0, 0] [2, 3] [1, 1]
// CHECK: return %[[R]]
func.func @reductions(%qa: tensor<2x3x16x8xf32>, %qb: tensor<2x3x16x8xf32>,
                      %k: tensor<2x3x32x8xf32>, %la: tensor<2x3x16xf32>,
                      %lb: tensor<2x3x16xf32>, %init: tensor<2x3xf32>)
    -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x16x8xf32>, tensor<2x3x16x8xf32>, tensor<2x3x32x8xf32>,
        tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.association_change"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %l, %s = transform.structured.tile_using_for %op tile_sizes [0, 0, 4, 8]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
