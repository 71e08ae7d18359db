// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// hopfield.mha: optional hidden state, mask, scale, causal and init.

// CHECK-LABEL: func.func @first_layer
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x16xf32>, %[[K:.+]]: tensor<2x3x6x16xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>)
// CHECK: %[[OUT:.+]], %[[H:.+]] = hopfield.mha %[[Q]], %[[K]], %[[V]] alpha_hidden = 5.000000e-01 :
// CHECK-SAME: tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>{{$}}
// CHECK: return %[[OUT]], %[[H]] : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
func.func @first_layer(%q: tensor<2x3x4x16xf32>, %k: tensor<2x3x6x16xf32>,
                       %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @with_hidden
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x16xf32>, %[[K:.+]]: tensor<2x3x6x16xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[HP:.+]]: tensor<2x3x4x6xf32>)
// CHECK: hopfield.mha %[[Q]], %[[K]], %[[V]] hidden(%[[HP]] : tensor<2x3x4x6xf32>) alpha_hidden = 9.000000e-01 :
// CHECK-SAME: -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>{{$}}
func.func @with_hidden(%q: tensor<2x3x4x16xf32>, %k: tensor<2x3x6x16xf32>,
                       %v: tensor<2x3x6x5xf32>, %hp: tensor<2x3x4x6xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v hidden(%hp : tensor<2x3x4x6xf32>)
      alpha_hidden = 0.9
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @mask_scale_causal
// CHECK-SAME: %[[M:[^:]+]]: tensor<2x1x1x6xi1>)
// CHECK: hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<2x1x1x6xi1>) alpha_hidden = 2.500000e-01 scale = 1.250000e-01 causal :
func.func @mask_scale_causal(%q: tensor<2x3x4x16xf32>, %k: tensor<2x3x6x16xf32>,
                             %v: tensor<2x3x6x5xf32>, %m: tensor<2x1x1x6xi1>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v mask(%m : tensor<2x1x1x6xi1>)
      alpha_hidden = 0.25 scale = 0.125 causal
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @hidden_and_mask
// CHECK-SAME: %[[HP:[^:]+]]: tensor<2x3x4x6xf32>, %[[M:[^:]+]]: tensor<1x1x4x6xi1>)
// CHECK: hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} hidden(%[[HP]] : tensor<2x3x4x6xf32>) mask(%[[M]] : tensor<1x1x4x6xi1>) alpha_hidden = 1.000000e+00 :
func.func @hidden_and_mask(%q: tensor<2x3x4x16xf32>, %k: tensor<2x3x6x16xf32>,
                           %v: tensor<2x3x6x5xf32>, %hp: tensor<2x3x4x6xf32>,
                           %m: tensor<1x1x4x6xi1>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v hidden(%hp : tensor<2x3x4x6xf32>)
      mask(%m : tensor<1x1x4x6xi1>) alpha_hidden = 1.0
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @init_zero
// CHECK: hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} alpha_hidden = 5.000000e-01 {init = #hopfield.init<zero>} : tensor<2x3x4x16xf32>,
func.func @init_zero(%q: tensor<2x3x4x16xf32>, %k: tensor<2x3x6x16xf32>,
                     %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      {init = #hopfield.init<zero>}
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// The default init is elided when spelled out.
// CHECK-LABEL: func.func @init_first_scores_elided
// CHECK: hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} alpha_hidden = 5.000000e-01 : tensor<2x3x4x16xf32>,
func.func @init_first_scores_elided(%q: tensor<2x3x4x16xf32>,
                                    %k: tensor<2x3x6x16xf32>,
                                    %v: tensor<2x3x6x5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>) {
  %out, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.5
      {init = #hopfield.init<first_scores>}
      : tensor<2x3x4x16xf32>, tensor<2x3x6x16xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
  return %out, %h : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>
}

// A dynamic feature size needs an explicit scale.
// CHECK-LABEL: func.func @dynamic
// CHECK: hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} alpha_hidden = 0.000000e+00 scale = 5.000000e-01 :
// CHECK-SAME: tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>{{$}}
func.func @dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>,
                   %v: tensor<?x?x?x?xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %out, %h = hopfield.mha %q, %k, %v alpha_hidden = 0.0 scale = 0.5
      : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
      -> tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
  return %out, %h : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// Three layers: the hidden state of each layer feeds the next.
// CHECK-LABEL: func.func @three_layers
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x8x16xf32>)
// CHECK: %[[O1:.+]], %[[H1:.+]] = hopfield.mha %[[X]], %[[X]], %[[X]] alpha_hidden = 5.000000e-01 {init = #hopfield.init<zero>} :
// CHECK-SAME: -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>{{$}}
// CHECK: %[[O2:.+]], %[[H2:.+]] = hopfield.mha %[[O1]], %[[O1]], %[[O1]] hidden(%[[H1]] : tensor<1x2x8x8xf32>) alpha_hidden = 5.000000e-01 causal :
// CHECK: %[[O3:.+]], %[[H3:.+]] = hopfield.mha %[[O2]], %[[O2]], %[[O2]] hidden(%[[H2]] : tensor<1x2x8x8xf32>) alpha_hidden = 7.500000e-01 scale = 2.500000e-01 causal :
// CHECK: return %[[O3]], %[[H3]] : tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
func.func @three_layers(%x: tensor<1x2x8x16xf32>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>) {
  %o1, %h1 = hopfield.mha %x, %x, %x alpha_hidden = 0.5
      {init = #hopfield.init<zero>}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %o1 hidden(%h1 : tensor<1x2x8x8xf32>)
      alpha_hidden = 0.5 causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
  %o3, %h3 = hopfield.mha %o2, %o2, %o2 hidden(%h2 : tensor<1x2x8x8xf32>)
      alpha_hidden = 0.75 scale = 0.25 causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
  return %o3, %h3 : tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
}
