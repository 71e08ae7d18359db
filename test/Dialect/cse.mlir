// RUN: hopfield-opt %s -cse | FileCheck %s

// The hopfield ops are Pure: identical ops are merged by CSE, ops that
// differ in any operand, property or attribute are kept apart.

// CHECK-LABEL: func.func @identical_merged
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 5.000000e-01 max_steps = [2] :
// CHECK-NOT: hopfield.associate
// CHECK: return %[[OUT]], %[[OUT]] : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
func.func @identical_merged(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                            %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// Spelling out the default criterion and eps gives the same op.
// CHECK-LABEL: func.func @explicit_defaults_merged
// CHECK: %[[OUT:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK-NOT: hopfield.associate
// CHECK: return %[[OUT]], %[[OUT]]
func.func @explicit_defaults_merged(%q: tensor<2x3x4x8xf32>,
                                    %k: tensor<2x3x6x8xf32>,
                                    %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      {criterion = #hopfield.criterion<association>, eps = array<f64: 1.0e-4>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// Identical ops with all optional operands and results are merged; an op
// whose only use was the duplicate is gone.
// CHECK-LABEL: func.func @identical_with_masks_merged
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate {{.+}} mask(%{{.+}} : tensor<2x1x1x6xi1>) bias(%{{.+}} : tensor<2x3x4x6xf32>) beta = 1.000000e+00 max_steps = [unbounded] causal
// CHECK-NOT: hopfield.associate
// CHECK: return %[[OUT]], %[[STEPS]], %[[XI]], %[[STEPS]]
func.func @identical_with_masks_merged(%q: tensor<2x3x4x8xf32>,
                                       %k: tensor<2x3x6x8xf32>,
                                       %v: tensor<2x3x6x5xf32>,
                                       %m: tensor<2x1x1x6xi1>,
                                       %b: tensor<2x3x4x6xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<3xi64>, tensor<2x3x4x6xf32>,
        tensor<3xi64>) {
  %o1, %x1, %s1 = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<2x3x4x6xf32>) beta = 1.0 max_steps = [unbounded] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  %o2, %x2, %s2 = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<2x3x4x6xf32>) beta = 1.0 max_steps = [unbounded] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  %unused = hopfield.associate %q, %k, %v beta = 3.0 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %o1, %s1, %x2, %s2
      : tensor<2x3x4x5xf32>, tensor<3xi64>, tensor<2x3x4x6xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @different_beta_kept
// CHECK: %[[A:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK: %[[B:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 2.500000e-01 max_steps = [2] :
// CHECK: return %[[A]], %[[B]]
func.func @different_beta_kept(%q: tensor<2x3x4x8xf32>,
                               %k: tensor<2x3x6x8xf32>,
                               %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.25 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @causal_kept
// CHECK: %[[A:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK: %[[B:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] causal :
// CHECK: return %[[A]], %[[B]]
func.func @causal_kept(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                       %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @criterion_kept
// CHECK: %[[A:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK: %[[B:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] {criterion = #hopfield.criterion<state>} :
// CHECK: return %[[A]], %[[B]]
func.func @criterion_kept(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                          %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      {criterion = #hopfield.criterion<state>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @mask_vs_none_kept
// CHECK-SAME: %[[M:[^:]+]]: tensor<2x1x1x6xi1>)
// CHECK: %[[A:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<2x1x1x6xi1>) beta = 5.000000e-01
// CHECK: %[[B:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01
// CHECK: return %[[A]], %[[B]]
func.func @mask_vs_none_kept(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                             %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a = hopfield.associate %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// An op with an extra (steps) result is a different op.
// CHECK-LABEL: func.func @different_optional_results_kept
// CHECK: %[[A:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK-SAME: -> tensor<2x3x4x5xf32>{{$}}
// CHECK: %[[B:.+]], %[[S:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [2] :
// CHECK-SAME: -> tensor<2x3x4x5xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[A]], %[[B]], %[[S]]
func.func @different_optional_results_kept(%q: tensor<2x3x4x8xf32>,
                                           %k: tensor<2x3x6x8xf32>,
                                           %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<3xi64>) {
  %a = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  %b, %s = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [2]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %a, %b, %s : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<3xi64>
}

// The other ops are Pure too.
// CHECK-LABEL: func.func @other_ops
// CHECK: %[[O:.+]], %[[H:.+]] = hopfield.mha
// CHECK-NOT: hopfield.mha
// CHECK: %[[Z:.+]], %{{.+}} = hopfield.mha {{.+}} {init = #hopfield.init<zero>}
// CHECK: %[[L:.+]] = hopfield.lse
// CHECK-NOT: hopfield.lse
// CHECK: %[[E:.+]] = hopfield.energy
// CHECK-NOT: hopfield.energy
// CHECK: return %[[H]], %[[H]], %[[Z]], %[[L]], %[[L]], %[[E]], %[[E]]
func.func @other_ops(%x: tensor<1x2x4x16xf32>, %z: tensor<4x10xf32>,
                     %p: tensor<10x16xf32>, %s: tensor<4x16xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x16xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %o1, %h1 = hopfield.mha %x, %x, %x alpha_hidden = 0.5
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x4x16xf32>, tensor<1x2x4x4xf32>
  %o2, %h2 = hopfield.mha %x, %x, %x alpha_hidden = 0.5
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x4x16xf32>, tensor<1x2x4x4xf32>
  %o3, %h3 = hopfield.mha %x, %x, %x alpha_hidden = 0.5
      {init = #hopfield.init<zero>}
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x4x16xf32>, tensor<1x2x4x4xf32>
  %l1 = hopfield.lse %z beta = 2.0 : tensor<4x10xf32> -> tensor<4xf32>
  %l2 = hopfield.lse %z beta = 2.0 : tensor<4x10xf32> -> tensor<4xf32>
  %e1 = hopfield.energy %s, %p beta = 2.0
      : tensor<4x16xf32>, tensor<10x16xf32> -> tensor<4xf32>
  %e2 = hopfield.energy %s, %p beta = 2.0
      : tensor<4x16xf32>, tensor<10x16xf32> -> tensor<4xf32>
  return %h1, %h2, %o3, %l1, %l2, %e1, %e2
      : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x16xf32>,
        tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
