// Canonicalization reaches a fixed point in one run: a second run changes
// nothing (checked both through FileCheck and by diffing the two outputs).
// RUN: hopfield-opt %s -canonicalize | hopfield-opt -canonicalize | FileCheck %s
// RUN: hopfield-opt %s -canonicalize -o %t.once.mlir
// RUN: hopfield-opt %t.once.mlir -canonicalize -o %t.twice.mlir
// RUN: diff %t.once.mlir %t.twice.mlir

// Every association and MHA canonicalization fires on this function:
//  %a: a splat head_beta folds into beta (0.5 * 2 = 1); a single step needs
//      no stopping rule (max_steps [0, 0] -> [0], eps dropped) and its steps
//      result becomes the constant 1;
//  %b: uniform per-head max_steps / eps collapse to one value; the unread
//      association matrix is dropped;
//  %c: alpha_hidden = 0 ignores the incoming hidden state, and then, with
//      the hidden result unread, the MHA is an association with
//      beta = 1/sqrt(8);
//  %d: the same with an explicit scale and causal.
// CHECK-LABEL: func.func @fixed_point
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x4x8xf32>, %[[K:[^:]+]]: tensor<1x2x6x8xf32>, %[[V:[^:]+]]: tensor<1x2x6x8xf32>, %{{[^:]+}}: tensor<1x2x4x6xf32>)
// CHECK-NOT: hopfield.mha
// CHECK-DAG: %[[ONES:.+]] = arith.constant dense<1> : tensor<2xi64>
// CHECK-DAG: %[[A:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [0] : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32> -> tensor<1x2x4x8xf32>{{$}}
// CHECK-DAG: %[[B:.+]] = hopfield.associate %[[A]], %[[K]], %[[V]] beta = 1.000000e+00 max_steps = [3] {eps = array<f64: 1.000000e-03>} : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32> -> tensor<1x2x4x8xf32>{{$}}
// CHECK-DAG: %[[C:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 0.35355339059327373 max_steps = [0] : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32> -> tensor<1x2x4x8xf32>{{$}}
// CHECK-DAG: %[[D:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 2.500000e-01 max_steps = [0] causal : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32> -> tensor<1x2x4x8xf32>{{$}}
// CHECK-NOT: hopfield.mha
// CHECK-NOT: head_beta
// CHECK: return %[[A]], %[[ONES]], %[[B]], %[[C]], %[[D]]
func.func @fixed_point(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                       %v: tensor<1x2x6x8xf32>, %h: tensor<1x2x4x6xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<2xi64>, tensor<1x2x4x8xf32>,
        tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) {
  %hb = arith.constant dense<2.0> : tensor<2xf32>
  %a, %sa = hopfield.associate %q, %k, %v head_beta(%hb : tensor<2xf32>)
      beta = 0.5 max_steps = [0, 0] {eps = array<f64: 1.0e-2>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> steps tensor<2xi64>
  %b, %assoc = hopfield.associate %a, %k, %v beta = 1.0 max_steps = [3, 3]
      {eps = array<f64: 1.0e-3, 1.0e-3>}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32> association tensor<1x2x4x6xf32>
  %c, %ch = hopfield.mha %q, %k, %v hidden(%h : tensor<1x2x4x6xf32>)
      alpha_hidden = 0.0
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x6xf32>
  %d, %dh = hopfield.mha %q, %k, %v alpha_hidden = 0.0 scale = 0.25 causal
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x6xf32>
  return %a, %sa, %b, %c, %d : tensor<1x2x4x8xf32>, tensor<2xi64>,
      tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
}
