// RUN: hopfield-opt %s -transform-interpreter | FileCheck %s

// The upstream tile_using_for splits an iterating association over its heads
// (the only dimension its stopping rule leaves free); the association matrix
// and the steps per head are written back per head.

// CHECK-LABEL: func.func @iterating_per_head
// CHECK-SAME: (%[[Q:[^:]+]]: {{.*}}, %[[K:[^:]+]]: {{.*}}, %[[V:[^:]+]]: {{.*}})
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[C3:.+]] = arith.constant 3 : index
// CHECK: %[[R:.+]]:3 = scf.for %[[H:.+]] = %[[C0]] to %[[C3]] step %[[C1]] iter_args(%[[O0:.+]] = %{{.+}}, %[[A0:.+]] = %{{.+}}, %[[S0:.+]] = %{{.+}})
// CHECK: %[[QT:.+]] = tensor.extract_slice %[[Q]][0, %[[H]], 0, 0] [2, 1, 4, 8]
// CHECK: %[[KT:.+]] = tensor.extract_slice %[[K]][0, %[[H]], 0, 0] [2, 1, 6, 8]
// CHECK: %[[VT:.+]] = tensor.extract_slice %[[V]][0, %[[H]], 0, 0] [2, 1, 6, 5]
// CHECK: %[[O:.+]], %[[A:.+]], %[[S:.+]] = hopfield.associate %[[QT]], %[[KT]], %[[VT]] beta = 2.500000e-01 max_steps = [unbounded] {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-03>}
// CHECK-SAME: -> tensor<2x1x4x5xf32> association tensor<2x1x4x6xf32> steps tensor<1xi64>
// CHECK-DAG: tensor.insert_slice %[[O]] into %[[O0]][0, %[[H]], 0, 0] [2, 1, 4, 5]
// CHECK-DAG: tensor.insert_slice %[[A]] into %[[A0]][0, %[[H]], 0, 0] [2, 1, 4, 6]
// CHECK-DAG: tensor.insert_slice %[[S]] into %[[S0]][%[[H]]] [1]
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @iterating_per_head(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                              %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>) {
  %out, %assoc, %steps = hopfield.associate %q, %k, %v beta = 0.25
      max_steps = [unbounded]
      {eps = array<f64: 1.0e-3>, criterion = #hopfield.criterion<state>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>
  return %out, %assoc, %steps : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.associate"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 1, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
