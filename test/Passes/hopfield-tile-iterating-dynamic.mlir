// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=0,1" -canonicalize -cse | FileCheck %s

// An iterating association with dynamic batch and query sizes is still split
// over its heads: the untiled dynamic dimensions count as whole.
// CHECK-LABEL: func.func @iterating_dynamic_rows
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x4x?x8xf32>
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[B:.+]] = tensor.dim %[[Q]], %[[C0]]
// CHECK-DAG: %[[L:.+]] = tensor.dim %[[Q]], %[[C2]]
// CHECK: scf.for %[[H:[^ ]+]] =
// CHECK: tensor.extract_slice %[[Q]][0, %[[H]], 0, 0] [%[[B]], 1, %[[L]], 8]
// CHECK: hopfield.associate {{.+}} max_steps = [2] : tensor<?x1x?x8xf32>, tensor<?x1x32x8xf32>, tensor<?x1x32x8xf32> -> tensor<?x1x?x8xf32>
func.func @iterating_dynamic_rows(%q: tensor<?x4x?x8xf32>, %k: tensor<?x4x32x8xf32>,
                                  %v: tensor<?x4x32x8xf32>) -> tensor<?x4x?x8xf32> {
  %out = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [2]
      : tensor<?x4x?x8xf32>, tensor<?x4x32x8xf32>, tensor<?x4x32x8xf32>
      -> tensor<?x4x?x8xf32>
  return %out : tensor<?x4x?x8xf32>
}
