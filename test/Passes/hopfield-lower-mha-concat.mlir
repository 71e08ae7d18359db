// RUN: hopfield-opt %s --hopfield-lower-mha --canonicalize --split-input-file | FileCheck %s

// Three concat layers, a' = 0.5, c = 1/sqrt(4) = 0.5, init first_scores:
// h_3 = 0.25 S_1 + 0.25 S_2 + 0.5 S_3 (SPEC 2.5 closed form), so layer 3
// is attention over [0.5 Q_1 | 0.5 Q_2 | Q_3] and [K_1 | K_2 | K_3] with
// score scale 0.5 c = 0.25, head dimension 3 D = 12. Layers 1 and 2 only
// feed layer 3's hidden state, so they and every L x S tensor are gone.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[Q1:[^:]+]]: {{[^,]+}}, %[[K1:[^:]+]]: {{[^,]+}}, %{{[^:]+}}: {{[^,]+}}, %[[Q2:[^:]+]]: {{[^,]+}}, %[[K2:[^:]+]]: {{[^,]+}}, %{{[^:]+}}: {{[^,]+}}, %[[Q3:[^:]+]]: {{[^,]+}}, %[[K3:[^:]+]]: {{[^,]+}}, %[[V3:[^:]+]]: tensor<1x2x8x4xf32>)
// CHECK-DAG: %[[HALF:.+]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[WQ1:.+]] = linalg.generic {{.*}} ins(%[[Q1]] : tensor<1x2x8x4xf32>)
// CHECK: arith.mulf %{{.+}}, %[[HALF]]
// CHECK: %[[WQ2:.+]] = linalg.generic {{.*}} ins(%[[Q2]] : tensor<1x2x8x4xf32>)
// CHECK: %[[QC:.+]] = tensor.concat dim(3) %[[WQ1]], %[[WQ2]], %[[Q3]] : ({{.*}}) -> tensor<1x2x8x12xf32>
// CHECK: %[[KC:.+]] = tensor.concat dim(3) %[[K1]], %[[K2]], %[[K3]] : ({{.*}}) -> tensor<1x2x8x12xf32>
// CHECK: %[[OUT:.+]] = hopfield.associate %[[QC]], %[[KC]], %[[V3]] beta = 2.500000e-01 max_steps = [0] causal : tensor<1x2x8x12xf32>, tensor<1x2x8x12xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
// CHECK-NOT: hopfield.associate
// CHECK-NOT: x8x8x
// CHECK: return %[[OUT]]
func.func @chain(%q1: tensor<1x2x8x4xf32>, %k1: tensor<1x2x8x4xf32>, %v1: tensor<1x2x8x4xf32>,
                 %q2: tensor<1x2x8x4xf32>, %k2: tensor<1x2x8x4xf32>, %v2: tensor<1x2x8x4xf32>,
                 %q3: tensor<1x2x8x4xf32>, %k3: tensor<1x2x8x4xf32>, %v3: tensor<1x2x8x4xf32>)
    -> tensor<1x2x8x4xf32> {
  %o1, %h1 = hopfield.mha %q1, %k1, %v1 alpha_hidden = 0.5 causal {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
  %o2, %h2 = hopfield.mha %q2, %k2, %v2 hidden(%h1 : tensor<1x2x8x8xf32>) alpha_hidden = 0.5 causal {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
  %o3, %h3 = hopfield.mha %q3, %k3, %v3 hidden(%h2 : tensor<1x2x8x8xf32>) alpha_hidden = 0.5 causal {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
  return %o3 : tensor<1x2x8x4xf32>
}

// -----

// Init zero, a' = 0.75, c = 0.5: h_2 = 0.1875 S_1 + 0.25 S_2; score scale
// 0.25 c = 0.125, Q_1 weighted 0.75. The returned h_2 is built from the
// same factors: (Q~ K~^T) * 0.125, one 8-wide contraction.
// CHECK-LABEL: func.func @returned_hidden
// CHECK-DAG: %[[W:.+]] = arith.constant 7.500000e-01 : f32
// CHECK-DAG: %[[S:.+]] = arith.constant 1.250000e-01 : f32
// CHECK: %[[WQ1:.+]] = linalg.generic
// CHECK: arith.mulf %{{.+}}, %[[W]]
// CHECK: %[[QC:.+]] = tensor.concat dim(3) %[[WQ1]], %{{.+}} -> tensor<1x1x5x8xf32>
// CHECK: %[[KC:.+]] = tensor.concat dim(3) {{.+}} -> tensor<1x1x6x8xf32>
// CHECK: %[[OUT:.+]] = hopfield.associate %[[QC]], %[[KC]], %{{.+}} beta = 1.250000e-01 max_steps = [0] :
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[KC]] : tensor<1x1x6x8xf32>)
// CHECK: %[[QK:.+]] = linalg.generic {{.*}} ins(%[[QC]], %[[KT]] : tensor<1x1x5x8xf32>, tensor<1x1x8x6xf32>)
// CHECK: %[[H:.+]] = linalg.generic {{.*}} ins(%[[QK]] : tensor<1x1x5x6xf32>)
// CHECK: arith.mulf %{{.+}}, %[[S]]
// CHECK: return %[[OUT]], %[[H]]
func.func @returned_hidden(%q1: tensor<1x1x5x4xf32>, %k1: tensor<1x1x6x4xf32>, %v1: tensor<1x1x6x3xf32>,
                           %q2: tensor<1x1x5x4xf32>, %k2: tensor<1x1x6x4xf32>, %v2: tensor<1x1x6x3xf32>)
    -> (tensor<1x1x5x3xf32>, tensor<1x1x5x6xf32>) {
  %o1, %h1 = hopfield.mha %q1, %k1, %v1 alpha_hidden = 0.75 {init = #hopfield.init<zero>, lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x1x5x4xf32>, tensor<1x1x6x4xf32>, tensor<1x1x6x3xf32> -> tensor<1x1x5x3xf32>, tensor<1x1x5x6xf32>
  %o2, %h2 = hopfield.mha %q2, %k2, %v2 hidden(%h1 : tensor<1x1x5x6xf32>) alpha_hidden = 0.75 {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x1x5x4xf32>, tensor<1x1x6x4xf32>, tensor<1x1x6x3xf32> -> tensor<1x1x5x3xf32>, tensor<1x1x5x6xf32>
  return %o2, %h2 : tensor<1x1x5x3xf32>, tensor<1x1x5x6xf32>
}

// -----

// A chain that starts from a hidden state no layer produced (a function
// argument): it enters as a bias with weight a'_1 a'_2 = 0.25; the scores
// are Q~ K~^T as above.
// CHECK-LABEL: func.func @external_hidden
// CHECK-SAME: %[[H0:[^:]+]]: tensor<1x1x4x4xf32>)
// CHECK-DAG: %[[QUARTER:.+]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[BIAS:.+]] = linalg.generic {{.*}} ins(%[[H0]] : tensor<1x1x4x4xf32>)
// CHECK: arith.mulf %{{.+}}, %[[QUARTER]]
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} bias(%[[BIAS]] : tensor<1x1x4x4xf32>) beta = 2.500000e-01
func.func @external_hidden(%q1: tensor<1x1x4x4xf32>, %k1: tensor<1x1x4x4xf32>, %v1: tensor<1x1x4x4xf32>,
                           %q2: tensor<1x1x4x4xf32>, %k2: tensor<1x1x4x4xf32>, %v2: tensor<1x1x4x4xf32>,
                           %h0: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %o1, %h1 = hopfield.mha %q1, %k1, %v1 hidden(%h0 : tensor<1x1x4x4xf32>) alpha_hidden = 0.5 {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
  %o2, %h2 = hopfield.mha %q2, %k2, %v2 hidden(%h1 : tensor<1x1x4x4xf32>) alpha_hidden = 0.5 {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
  return %o2 : tensor<1x1x4x4xf32>
}

// -----

// A bias layer after a concat layer reads h_1 as a tensor: the concat
// layer builds it from its (single) factor pair, c Q_1 K_1^T.
// CHECK-LABEL: func.func @mixed
// CHECK-SAME: (%[[Q1:[^:]+]]: tensor<1x1x4x4xf32>, %[[K1:[^:]+]]: tensor<1x1x4x4xf32>
// CHECK: %[[KT:.+]] = linalg.transpose ins(%[[K1]]
// CHECK: %[[QK:.+]] = linalg.generic {{.*}} ins(%[[Q1]], %[[KT]]
// CHECK: %[[H1:.+]] = linalg.generic {{.*}} ins(%[[QK]] :
// CHECK: %[[BIAS:.+]] = linalg.generic {{.*}} ins(%[[H1]] :
// CHECK: hopfield.associate {{.+}} bias(%[[BIAS]] : tensor<1x1x4x4xf32>) beta = 2.500000e-01
func.func @mixed(%q1: tensor<1x1x4x4xf32>, %k1: tensor<1x1x4x4xf32>, %v1: tensor<1x1x4x4xf32>,
                 %q2: tensor<1x1x4x4xf32>, %k2: tensor<1x1x4x4xf32>, %v2: tensor<1x1x4x4xf32>)
    -> (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) {
  %o1, %h1 = hopfield.mha %q1, %k1, %v1 alpha_hidden = 0.5 {lowering = #hopfield.mha_lowering<concat>}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
  %o2, %h2 = hopfield.mha %q2, %k2, %v2 hidden(%h1 : tensor<1x1x4x4xf32>) alpha_hidden = 0.5 {lowering = #hopfield.mha_lowering<bias>}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
  return %o1, %o2 : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
}
