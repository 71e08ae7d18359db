// RUN: hopfield-opt %s -canonicalize -split-input-file | FileCheck %s

// alpha_hidden = 0: the incoming hidden state has weight 0 and is dropped.
// CHECK-LABEL: func.func @drop_ignored_hidden
// CHECK-SAME: (%[[Q:[^:]+]]: {{.*}}, %[[K:[^:]+]]: {{.*}}, %[[V:[^:]+]]: {{.*}}, %[[H:[^:]+]]: {{.*}})
// CHECK: %[[OUT:.+]], %[[HID:.+]] = hopfield.mha %[[Q]], %[[K]], %[[V]] alpha_hidden = 0.000000e+00 scale = 5.000000e-01 causal :
// CHECK: return %[[OUT]], %[[HID]]
func.func @drop_ignored_hidden(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>,
                               %v: tensor<1x2x4x8xf32>, %h: tensor<1x2x4x4xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>) {
  %out, %hid = hopfield.mha %q, %k, %v hidden(%h : tensor<1x2x4x4xf32>)
      alpha_hidden = 0.0 scale = 0.5 causal
      : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
  return %out, %hid : tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
}

// -----

// alpha_hidden = 0, no incoming state, hidden result unused: plain
// association with beta = scale (default 1/sqrt(16) = 0.25).
// CHECK-LABEL: func.func @mha_without_memory
// CHECK-SAME: (%[[Q:[^:]+]]: {{.*}}, %[[K:[^:]+]]: {{.*}}, %[[V:[^:]+]]: {{.*}}, %[[M:[^:]+]]: {{.*}})
// CHECK-NOT: hopfield.mha
// CHECK: %[[OUT:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<1x1x1x4xi1>) beta = 2.500000e-01 max_steps = [0] causal
// CHECK: return %[[OUT]]
func.func @mha_without_memory(%q: tensor<1x2x4x16xf32>, %k: tensor<1x2x4x16xf32>,
                              %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xi1>)
    -> tensor<1x2x4x8xf32> {
  %out, %hid = hopfield.mha %q, %k, %v mask(%m : tensor<1x1x1x4xi1>)
      alpha_hidden = 0.0 causal
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
  return %out : tensor<1x2x4x8xf32>
}

// -----

// A used hidden state keeps the op an mha.
// CHECK-LABEL: func.func @mha_hidden_used
// CHECK: hopfield.mha
// CHECK-NOT: hopfield.associate
func.func @mha_hidden_used(%q: tensor<1x2x4x16xf32>, %k: tensor<1x2x4x16xf32>,
                           %v: tensor<1x2x4x8xf32>)
    -> (tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>) {
  %out, %hid = hopfield.mha %q, %k, %v alpha_hidden = 0.0
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
  return %out, %hid : tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
}

// -----

// With alpha_hidden > 0 nothing changes.
// CHECK-LABEL: func.func @mha_with_memory
// CHECK: hopfield.mha %{{.+}} hidden(%{{.+}} : tensor<1x2x4x4xf32>) alpha_hidden = 5.000000e-01
func.func @mha_with_memory(%q: tensor<1x2x4x16xf32>, %k: tensor<1x2x4x16xf32>,
                           %v: tensor<1x2x4x8xf32>, %h: tensor<1x2x4x4xf32>)
    -> tensor<1x2x4x8xf32> {
  %out, %hid = hopfield.mha %q, %k, %v hidden(%h : tensor<1x2x4x4xf32>)
      alpha_hidden = 0.5
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4x4xf32>
  return %out : tensor<1x2x4x8xf32>
}
