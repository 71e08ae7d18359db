// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=0,1,8" -split-input-file | FileCheck %s

// Tiling the queries of a causal association: each tile carries the absolute
// position of its first query (the query loop's index, not the head loop's)
// as query_offset, so that its causal mask stays exact.
// CHECK-LABEL: func.func @causal_rows
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x32x8xf32>, %[[K:[^:]+]]: tensor<1x2x32x8xf32>, %[[V:[^:]+]]: tensor<1x2x32x4xf32>)
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK: scf.for %[[H:[^ ]+]] = %{{.+}} to %[[C2]] step
// CHECK: scf.for %[[L:[^ ]+]] = %{{.+}} to %[[C32]] step %[[C8]]
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][0, %[[H]], %[[L]], 0] [1, 1, 8, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][0, %[[H]], 0, 0] [1, 1, 32, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][0, %[[H]], 0, 0] [1, 1, 32, 4]
// CHECK-NOT: affine.apply
// CHECK: %[[T:.+]] = hopfield.associate %[[QT]], %[[KT]], %[[VT]] query_offset(%[[L]]) beta = 1.000000e+00 max_steps = [0] causal : tensor<1x1x8x8xf32>, tensor<1x1x32x8xf32>, tensor<1x1x32x4xf32> -> tensor<1x1x8x4xf32>
// CHECK: tensor.insert_slice %[[T]] into %{{.+}}[0, %[[H]], %[[L]], 0] [1, 1, 8, 4]
func.func @causal_rows(%q: tensor<1x2x32x8xf32>, %k: tensor<1x2x32x8xf32>,
                       %v: tensor<1x2x32x4xf32>) -> tensor<1x2x32x4xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0] causal
      : tensor<1x2x32x8xf32>, tensor<1x2x32x8xf32>, tensor<1x2x32x4xf32>
      -> tensor<1x2x32x4xf32>
  return %out : tensor<1x2x32x4xf32>
}

// -----

// An incoming query_offset is added to the query loop's index.
// CHECK: #[[$ADD:.+]] = affine_map<(d0)[s0] -> (d0 + s0)>
// CHECK-LABEL: func.func @causal_rows_with_offset
// CHECK-SAME: %[[O:[^:]+]]: index)
// CHECK: scf.for %[[H:[^ ]+]] =
// CHECK: scf.for %[[L:[^ ]+]] =
// CHECK: %[[QO:.+]] = affine.apply #[[$ADD]](%[[L]])[%[[O]]]
// CHECK: hopfield.associate {{.+}} query_offset(%[[QO]]) beta = 1.000000e+00 max_steps = [0] causal : tensor<1x1x8x8xf32>, tensor<1x1x64x8xf32>, tensor<1x1x64x4xf32> -> tensor<1x1x8x4xf32>
func.func @causal_rows_with_offset(%q: tensor<1x2x32x8xf32>, %k: tensor<1x2x64x8xf32>,
                                   %v: tensor<1x2x64x4xf32>, %o: index)
    -> tensor<1x2x32x4xf32> {
  %out = hopfield.associate %q, %k, %v query_offset(%o) beta = 1.0
      max_steps = [0] causal
      : tensor<1x2x32x8xf32>, tensor<1x2x64x8xf32>, tensor<1x2x64x4xf32>
      -> tensor<1x2x32x4xf32>
  return %out : tensor<1x2x32x4xf32>
}
