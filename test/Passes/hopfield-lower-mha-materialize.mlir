// RUN: hopfield-opt %s --hopfield-lower-mha --canonicalize | FileCheck %s

// materialize: h = a' h_prev + (1 - a') S with S = c Q K^T (c = 0.5,
// a' = 0.25) as a tensor, then the softmax over it in linalg (row max of
// the causally masked h, exp(h - max) with 0 where masked, row sums,
// division with 0 for an empty row) and P V. The returned hidden state is
// the same h tensor, unmasked. No hopfield.associate.
// CHECK-LABEL: func.func @materialize
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x2x3x4xf32>, %[[K:[^:]+]]: tensor<2x2x5x4xf32>, %[[V:[^:]+]]: tensor<2x2x5x3xf32>, %[[HP:[^:]+]]: tensor<2x2x3x5xf32>)
// CHECK-DAG: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[ALPHA:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[KEEP:.+]] = arith.constant 7.500000e-01 : f32
// CHECK-DAG: %[[C:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NOT: hopfield.associate
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]]
// CHECK: %[[QK:.+]] = linalg.generic {{.*}} ins(%[[Q]], %[[KT]] :
// CHECK: %[[S:.+]] = linalg.generic {{.*}} ins(%[[QK]] :
// CHECK: arith.mulf %{{.+}}, %[[C]]
// CHECK: %[[H:.+]] = linalg.generic {{.*}} ins(%[[S]], %[[HP]] :
// CHECK: arith.mulf %{{.+}}, %[[KEEP]]
// CHECK: arith.mulf %{{.+}}, %[[ALPHA]]
// CHECK: %[[MAX:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[H]] : tensor<2x2x3x5xf32>) outs(%{{.+}} : tensor<2x2x3xf32>)
// CHECK: arith.cmpi ugt
// CHECK: arith.select %{{.+}}, %[[NEG_INF]]
// CHECK: arith.maximumf
// CHECK: %[[EXP:.+]] = linalg.generic {{.*}} ins(%[[H]], %[[MAX]] :
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}} ins(%[[EXP]] : tensor<2x2x3x5xf32>) outs(%{{.+}} : tensor<2x2x3xf32>)
// CHECK: %[[P:.+]] = linalg.generic {{.*}} ins(%[[EXP]], %[[SUM]] :
// CHECK: arith.divf
// CHECK: %[[OUT:.+]] = linalg.generic {{.*}} ins(%[[P]], %[[V]] : tensor<2x2x3x5xf32>, tensor<2x2x5x3xf32>) outs(%{{.+}} : tensor<2x2x3x3xf32>)
// CHECK: return %[[OUT]], %[[H]]
func.func @materialize(%q: tensor<2x2x3x4xf32>, %k: tensor<2x2x5x4xf32>,
                       %v: tensor<2x2x5x3xf32>, %h: tensor<2x2x3x5xf32>)
    -> (tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>) {
  %o, %hn = hopfield.mha %q, %k, %v hidden(%h : tensor<2x2x3x5xf32>)
      alpha_hidden = 0.25 causal {lowering = #hopfield.mha_lowering<materialize>}
      : tensor<2x2x3x4xf32>, tensor<2x2x5x4xf32>, tensor<2x2x5x3xf32>
      -> tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>
  return %o, %hn : tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>
}
