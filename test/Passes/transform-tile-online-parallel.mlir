// RUN: hopfield-opt %s -transform-interpreter | FileCheck %s

// The parallel dimensions (b, h, l) of online_associate tiled with the
// upstream tile_using_forall, the key reduction left whole: the running
// state (acc, max, sum) becomes the forall's shared_outs, each iteration
// reads its slices of them and writes its tile back with
// parallel_insert_slice; the tile keeps its absolute query position.

// CHECK-DAG: #[[$H:.+]] = affine_map<(d0) -> (d0 * 2)>
// CHECK-DAG: #[[$L:.+]] = affine_map<(d0) -> (d0 * 8)>
// CHECK-LABEL: func.func @parallel_rows
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x4x32x8xf32>, %[[K:[^:]+]]: tensor<2x4x64x8xf32>, %[[V:[^:]+]]: tensor<2x4x64x6xf32>, %[[ACC0:[^:]+]]: tensor<2x4x32x6xf32>, %[[MAX0:[^:]+]]: tensor<2x4x32xf32>, %[[SUM0:[^:]+]]: tensor<2x4x32xf32>)
// CHECK: %[[R:.+]]:3 = scf.forall (%[[B:[^,]+]], %[[HT:[^,]+]], %[[LT:[^)]+]]) in (2, 2, 4) shared_outs(%[[ACC:[^ ]+]] = %[[ACC0]], %[[MAX:[^ ]+]] = %[[MAX0]], %[[SUM:[^ ]+]] = %[[SUM0]])
// CHECK-DAG: %[[H:.+]] = affine.apply #[[$H]](%[[HT]])
// CHECK-DAG: %[[L:.+]] = affine.apply #[[$L]](%[[LT]])
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 8, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], 0, 0] [1, 2, 64, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][%[[B]], %[[H]], 0, 0] [1, 2, 64, 6]
// CHECK-DAG: %[[AT:.+]] = tensor.extract_slice %[[ACC]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 8, 6]
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[MAX]][%[[B]], %[[H]], %[[L]]] [1, 2, 8]
// CHECK-DAG: %[[ST:.+]] = tensor.extract_slice %[[SUM]][%[[B]], %[[H]], %[[L]]] [1, 2, 8]
// CHECK: %[[TA:.+]], %[[TM:.+]], %[[TS:.+]] = hopfield.online_associate %[[QT]], %[[KT]], %[[VT]] offsets(%[[L]], %[[C0]]) beta = 2.500000e-01 causal outs(%[[AT]], %[[MT]], %[[ST]]) : tensor<1x2x8x8xf32>, tensor<1x2x64x8xf32>, tensor<1x2x64x6xf32> -> tensor<1x2x8x6xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[TA]] into %[[ACC]][%[[B]], %[[H]], %[[L]], 0] [1, 2, 8, 6]
// CHECK-NEXT: tensor.parallel_insert_slice %[[TM]] into %[[MAX]][%[[B]], %[[H]], %[[L]]] [1, 2, 8]
// CHECK-NEXT: tensor.parallel_insert_slice %[[TS]] into %[[SUM]][%[[B]], %[[H]], %[[L]]] [1, 2, 8]
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @parallel_rows(%q: tensor<2x4x32x8xf32>, %k: tensor<2x4x64x8xf32>,
                         %v: tensor<2x4x64x6xf32>, %acc: tensor<2x4x32x6xf32>,
                         %max: tensor<2x4x32xf32>, %sum: tensor<2x4x32xf32>)
    -> (tensor<2x4x32x6xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>) {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 0.25 causal
      outs(%acc, %max, %sum)
      : tensor<2x4x32x8xf32>, tensor<2x4x64x8xf32>, tensor<2x4x64x6xf32>
      -> tensor<2x4x32x6xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>
  return %r#0, %r#1, %r#2
      : tensor<2x4x32x6xf32>, tensor<2x4x32xf32>, tensor<2x4x32xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.online_associate"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %tiled, %forall = transform.structured.tile_using_forall %op tile_sizes [1, 2, 8, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
