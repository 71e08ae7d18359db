// RUN: hopfield-opt %s --hopfield-lower-mha --split-input-file | FileCheck %s

// With an incoming hidden state: attention with scale (1 - a') c and the
// additive bias a' h_prev (c = 1/sqrt(4) = 0.5, a' = 0.25: beta 0.375);
// the used hidden result is a' h_prev + (1 - a') S with S = c Q K^T (the
// numbers are checked by test/Codegen/hopfield-mha-spec-exec.test).
// CHECK-LABEL: func.func @with_hidden
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x2x3x4xf32>, %[[K:[^:]+]]: tensor<2x2x5x4xf32>, %[[V:[^:]+]]: tensor<2x2x5x3xf32>, %[[HP:[^:]+]]: tensor<2x2x3x5xf32>, %[[M:[^:]+]]: tensor<1x1x3x5xi1>)
// CHECK: %[[BIAS:.+]] = linalg.generic {{.*}} ins(%[[HP]] : tensor<2x2x3x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x3x5xi1>) bias(%[[BIAS]] : tensor<2x2x3x5xf32>) beta = 3.750000e-01 max_steps = [0] causal
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K]] : tensor<2x2x5x4xf32>) outs(%{{.+}} : tensor<2x2x4x5xf32>) permutation = [0, 1, 3, 2]
// CHECK: %[[QK:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[Q]], %[[KT]]
// CHECK: %[[S:.+]] = linalg.generic {{.*}} ins(%[[QK]] :
// CHECK: %[[H:.+]] = linalg.generic {{.*}} ins(%[[S]], %[[HP]] :
// CHECK: return %[[OUT]], %[[H]]
func.func @with_hidden(%q: tensor<2x2x3x4xf32>, %k: tensor<2x2x5x4xf32>,
                       %v: tensor<2x2x5x3xf32>, %h: tensor<2x2x3x5xf32>,
                       %m: tensor<1x1x3x5xi1>)
    -> (tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>) {
  %o, %hn = hopfield.mha %q, %k, %v hidden(%h : tensor<2x2x3x5xf32>)
      mask(%m : tensor<1x1x3x5xi1>) alpha_hidden = 0.25 causal
      : tensor<2x2x3x4xf32>, tensor<2x2x5x4xf32>, tensor<2x2x5x3xf32>
      -> tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>
  return %o, %hn : tensor<2x2x3x3xf32>, tensor<2x2x3x5xf32>
}

// -----

// First layer, init = first_scores, hidden unused: plain attention with
// scale c (here given: 0.125) and nothing T x T.
// CHECK-LABEL: func.func @first_layer
// CHECK-NOT: linalg.generic
// CHECK: %[[OUT:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.250000e-01 max_steps = [0] :
// CHECK-NOT: linalg.generic
// CHECK: return %[[OUT]]
func.func @first_layer(%q: tensor<1x2x3x4xf32>, %k: tensor<1x2x5x4xf32>,
                       %v: tensor<1x2x5x3xf32>) -> tensor<1x2x3x3xf32> {
  %o, %hn = hopfield.mha %q, %k, %v alpha_hidden = 0.5 scale = 0.125
      : tensor<1x2x3x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x3xf32>
      -> tensor<1x2x3x3xf32>, tensor<1x2x3x5xf32>
  return %o : tensor<1x2x3x3xf32>
}

// -----

// First layer, init = zero: scale (1 - a') c for the softmax and
// h = (1 - a') S for the next layer.
// CHECK-LABEL: func.func @first_layer_zero
// CHECK: %[[OUT:.+]] = hopfield.associate {{.+}} beta = 2.500000e-01 max_steps = [0] :
// CHECK: %[[QK:.+]] = linalg.generic
// CHECK: %[[S:.+]] = linalg.generic {{.*}} ins(%[[QK]] :
// CHECK: %[[H:.+]] = linalg.generic {{.*}} ins(%[[S]] :
// CHECK: return %[[OUT]], %[[H]]
func.func @first_layer_zero(%q: tensor<1x1x3x4xf32>, %k: tensor<1x1x5x4xf32>,
                            %v: tensor<1x1x5x3xf32>)
    -> (tensor<1x1x3x3xf32>, tensor<1x1x3x5xf32>) {
  %o, %hn = hopfield.mha %q, %k, %v alpha_hidden = 0.5 {init = #hopfield.init<zero>}
      : tensor<1x1x3x4xf32>, tensor<1x1x5x4xf32>, tensor<1x1x5x3xf32>
      -> tensor<1x1x3x3xf32>, tensor<1x1x3x5xf32>
  return %o, %hn : tensor<1x1x3x3xf32>, tensor<1x1x3x5xf32>
}
