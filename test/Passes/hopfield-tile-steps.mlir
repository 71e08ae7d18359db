// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=0,1" | FileCheck %s

// A non-iterating association with a steps result, tiled over heads only:
// each tile produces the steps of its head, written back at [%h] [1];
// batch and queries stay whole.
// CHECK-LABEL: func.func @steps_per_head
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x4x16x8xf32>, %[[K:[^:]+]]: tensor<2x4x32x8xf32>, %[[V:[^:]+]]: tensor<2x4x32x6xf32>)
// CHECK-DAG: %[[OUT0:.+]] = tensor.empty() : tensor<2x4x16x6xf32>
// CHECK-DAG: %[[STEPS0:.+]] = tensor.empty() : tensor<4xi64>
// CHECK-DAG: %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK: %[[R:.+]]:2 = scf.for %[[H:[^ ]+]] = %{{.+}} to %[[C4]] step %[[C1]] iter_args(%[[OUTA:[^ ]+]] = %[[OUT0]], %[[STEPSA:[^ ]+]] = %[[STEPS0]])
// CHECK-NOT: scf.for
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][0, %[[H]], 0, 0] [2, 1, 16, 8]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][0, %[[H]], 0, 0] [2, 1, 32, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][0, %[[H]], 0, 0] [2, 1, 32, 6]
// CHECK: %[[O:.+]], %[[S:.+]] = hopfield.associate %[[QT]], %[[KT]], %[[VT]] beta = 1.000000e+00 max_steps = [0] : tensor<2x1x16x8xf32>, tensor<2x1x32x8xf32>, tensor<2x1x32x6xf32> -> tensor<2x1x16x6xf32> steps tensor<1xi64>
// CHECK-DAG: %[[OI:.+]] = tensor.insert_slice %[[O]] into %[[OUTA]][0, %[[H]], 0, 0] [2, 1, 16, 6] [1, 1, 1, 1]
// CHECK-DAG: %[[SI:.+]] = tensor.insert_slice %[[S]] into %[[STEPSA]][%[[H]]] [1] [1] : tensor<1xi64> into tensor<4xi64>
// CHECK: scf.yield %[[OI]], %[[SI]]
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @steps_per_head(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x32x8xf32>,
                          %v: tensor<2x4x32x6xf32>)
    -> (tensor<2x4x16x6xf32>, tensor<4xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v beta = 1.0 max_steps = [0]
      : tensor<2x4x16x8xf32>, tensor<2x4x32x8xf32>, tensor<2x4x32x6xf32>
      -> tensor<2x4x16x6xf32> steps tensor<4xi64>
  return %out, %steps : tensor<2x4x16x6xf32>, tensor<4xi64>
}
