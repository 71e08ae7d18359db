// RUN: hopfield-opt %s -hopfield-fold-scale -split-input-file | FileCheck %s
// RUN: hopfield-opt %s -hopfield-fold-scale -split-input-file | hopfield-opt -hopfield-fold-scale -split-input-file | FileCheck %s --check-prefix=TWICE

// hopfield-fold-scale: online_associate with beta != 1 or a head_beta gets
// the query beta * head_beta[h] * q (one linalg.generic) and beta = 1, no
// head_beta. Everything else on the op is kept.

// CHECK-LABEL: func.func @beta_only
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[ACC:[^:]+]]: tensor<2x3x4x5xf32>, %[[MAX:[^:]+]]: tensor<2x3x4xf32>, %[[SUM:[^:]+]]: tensor<2x3x4xf32>)
// CHECK-DAG: %[[BETA:.+]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[E:.+]] = tensor.empty() : tensor<2x3x4x8xf32>
// CHECK: %[[QS:.+]] = linalg.generic {indexing_maps = [#[[ID:map[0-9]*]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[Q]] : tensor<2x3x4x8xf32>) outs(%[[E]] : tensor<2x3x4x8xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[S:.+]] = arith.mulf %[[IN]], %[[BETA]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: %[[A:[^,]+]], %{{[^,]+}}, %{{[^,]+}} = hopfield.online_associate %[[QS]], %[[K]], %[[V]] beta = 1.000000e+00 causal outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
// CHECK: return %[[A]]
func.func @beta_only(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                     %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>,
                     %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0.5 causal
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a : tensor<2x3x4x5xf32>
}

// -----

// head_beta is read per head (map to d1); with beta = 1 the multiply by
// beta folds away. The mask stays on the op.
// CHECK-DAG: #[[$ID:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$HEAD:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @head_beta
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[V:[^:]+]]: tensor<2x3x6x5xf32>, %[[HB:[^:]+]]: tensor<3xf32>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>,
// CHECK: %[[QS:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$HEAD]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[Q]], %[[HB]] : tensor<2x3x4x8xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[IN:[^:]+]]: f32, %[[H:[^:]+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[S:.+]] = arith.mulf %[[IN]], %[[H]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: hopfield.online_associate %[[QS]], %[[K]], %[[V]] mask(%[[M]] : tensor<2x1x1x6xi1>) beta = 1.000000e+00 outs(
// CHECK-NOT: head_beta
func.func @head_beta(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                     %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                     %m0: tensor<2x1x1x6xi1>, %acc: tensor<2x3x4x5xf32>,
                     %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %a, %m, %s = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<3xf32>)
      mask(%m0 : tensor<2x1x1x6xi1>) beta = 1.0 outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a : tensor<2x3x4x5xf32>
}

// -----

// Both: beta then head_beta; bias and offsets stay.
// CHECK-LABEL: func.func @beta_and_head_beta
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>, %{{[^:]+}}: tensor<2x3x6x8xf32>, %{{[^:]+}}: tensor<2x3x6x5xf32>, %[[HB:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<1x1x4x6xf32>, %[[QO:[^:]+]]: index, %[[KO:[^:]+]]: index,
// CHECK-DAG: %[[BETA:.+]] = arith.constant 1.250000e-01 : f32
// CHECK: %[[QS:.+]] = linalg.generic {{.+}} ins(%[[Q]], %[[HB]] : tensor<2x3x4x8xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[IN:[^:]+]]: f32, %[[H:[^:]+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[S0:.+]] = arith.mulf %[[IN]], %[[BETA]] : f32
// CHECK-NEXT: %[[S1:.+]] = arith.mulf %[[S0]], %[[H]] : f32
// CHECK-NEXT: linalg.yield %[[S1]] : f32
// CHECK: hopfield.online_associate %[[QS]], %{{.+}}, %{{.+}} bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[KO]]) beta = 1.000000e+00 causal outs(
func.func @beta_and_head_beta(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                              %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                              %b: tensor<1x1x4x6xf32>, %qo: index, %ko: index,
                              %acc: tensor<2x3x4x5xf32>,
                              %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %a, %m, %s = hopfield.online_associate %q, %k, %v head_beta(%hb : tensor<3xf32>)
      bias(%b : tensor<1x1x4x6xf32>) offsets(%qo, %ko) beta = 0.125 causal
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a : tensor<2x3x4x5xf32>
}

// -----

// Dynamic sizes are read off the query; the scale is applied in the query's
// element type (bf16) while the outs stay f32.
// CHECK-LABEL: func.func @dynamic_bf16
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x2x?x8xbf16>
// CHECK-DAG: %[[BETA:.+]] = arith.constant 1.250000e-01 : bf16
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[D0:.+]] = tensor.dim %[[Q]], %[[C0]] : tensor<?x2x?x8xbf16>
// CHECK-DAG: %[[D2:.+]] = tensor.dim %[[Q]], %[[C2]] : tensor<?x2x?x8xbf16>
// CHECK: %[[E:.+]] = tensor.empty(%[[D0]], %[[D2]]) : tensor<?x2x?x8xbf16>
// CHECK: %[[QS:.+]] = linalg.generic {{.+}} ins(%[[Q]] : tensor<?x2x?x8xbf16>) outs(%[[E]] : tensor<?x2x?x8xbf16>)
// CHECK: arith.mulf %{{.+}}, %[[BETA]] : bf16
// CHECK: hopfield.online_associate %[[QS]], %{{.+}}, %{{.+}} beta = 1.000000e+00 outs(
// CHECK-SAME: -> tensor<?x2x?x8xf32>, tensor<?x2x?xf32>, tensor<?x2x?xf32>
func.func @dynamic_bf16(%q: tensor<?x2x?x8xbf16>, %k: tensor<?x2x?x8xbf16>,
                        %v: tensor<?x2x?x8xbf16>, %acc: tensor<?x2x?x8xf32>,
                        %max: tensor<?x2x?xf32>, %sum: tensor<?x2x?xf32>)
    -> tensor<?x2x?x8xf32> {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0.125
      outs(%acc, %max, %sum)
      : tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>
      -> tensor<?x2x?x8xf32>, tensor<?x2x?xf32>, tensor<?x2x?xf32>
  return %a : tensor<?x2x?x8xf32>
}

// -----

// Nothing to fold: beta = 1 without head_beta is left as it is, and so is
// every op other than online_associate.
// CHECK-LABEL: func.func @unscaled
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<2x3x4x8xf32>
// CHECK-NOT: linalg.generic
// CHECK: hopfield.online_associate %[[Q]], %{{.+}}, %{{.+}} beta = 1.000000e+00 outs(
// CHECK: hopfield.associate %[[Q]], %{{.+}}, %{{.+}} beta = 5.000000e-01 max_steps = [0]
// CHECK-NOT: linalg.generic
func.func @unscaled(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                    %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>,
                    %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 1.0
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  %out = hopfield.associate %q, %k, %v beta = 0.5 max_steps = [0]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %a, %out : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// -----

// Idempotent: a second run finds nothing more to fold.
// CHECK-LABEL: func.func @once
// CHECK: linalg.generic
// TWICE-LABEL: func.func @once
// TWICE-COUNT-1: linalg.generic
// TWICE-NOT: linalg.generic
// TWICE: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} beta = 1.000000e+00 outs(
func.func @once(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x6x8xf32>,
                %v: tensor<1x1x6x8xf32>, %acc: tensor<1x1x4x8xf32>,
                %max: tensor<1x1x4xf32>, %sum: tensor<1x1x4xf32>)
    -> tensor<1x1x4x8xf32> {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 2.0
      outs(%acc, %max, %sum)
      : tensor<1x1x4x8xf32>, tensor<1x1x6x8xf32>, tensor<1x1x6x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>
  return %a : tensor<1x1x4x8xf32>
}

// -----

// The query is a constant-weight projection x W + b seen through the head
// split (expand_shape, transpose): the scale goes into the weights and the
// bias instead, column c scaled by beta * head_beta[c / D] (beta = 2,
// head_beta = [0.5, 3], D = 2), and no elementwise multiply is left.
// CHECK-LABEL: func.func @projected_query
// CHECK-SAME: (%[[X:[^:]+]]: tensor<6x3xf32>,
// CHECK-NOT: linalg.generic
// CHECK: %[[W:.+]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 1.800000e+01, 2.400000e+01], [5.000000e+00, 6.000000e+00, 4.200000e+01, 4.800000e+01], [9.000000e+00, 1.000000e+01, 6.600000e+01, 7.200000e+01]]> : tensor<3x4xf32>
// CHECK: %[[B:.+]] = arith.constant dense<[1.000000e+00, -1.000000e+00, 6.000000e+00, 0.000000e+00]> : tensor<4xf32>
// CHECK: %[[ACC:.+]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>)
// CHECK: %[[P:.+]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<6x3xf32>, tensor<3x4xf32>) outs(%[[ACC]] : tensor<6x4xf32>)
// CHECK: %[[E1:.+]] = tensor.expand_shape %[[P]]
// CHECK: %[[E2:.+]] = tensor.expand_shape %[[E1]]
// CHECK: %[[Q:.+]] = linalg.transpose ins(%[[E2]]
// CHECK-NOT: linalg.generic
// CHECK: hopfield.online_associate %[[Q]], %{{.+}}, %{{.+}} beta = 1.000000e+00 outs(
func.func @projected_query(%x: tensor<6x3xf32>, %k: tensor<2x2x4x2xf32>,
                           %v: tensor<2x2x4x2xf32>, %acc: tensor<2x2x3x2xf32>,
                           %max: tensor<2x2x3xf32>, %sum: tensor<2x2x3xf32>)
    -> tensor<2x2x3x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0],
                             [9.0, 10.0, 11.0, 12.0]]> : tensor<3x4xf32>
  %b = arith.constant dense<[1.0, -1.0, 1.0, 0.0]> : tensor<4xf32>
  %hb = arith.constant dense<[0.5, 3.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<6x4xf32>
  %init = linalg.broadcast ins(%b : tensor<4xf32>) outs(%e : tensor<6x4xf32>)
      dimensions = [0]
  %p = linalg.matmul ins(%x, %w : tensor<6x3xf32>, tensor<3x4xf32>)
      outs(%init : tensor<6x4xf32>) -> tensor<6x4xf32>
  %e1 = tensor.expand_shape %p [[0, 1], [2]] output_shape [2, 3, 4]
      : tensor<6x4xf32> into tensor<2x3x4xf32>
  %e2 = tensor.expand_shape %e1 [[0], [1], [2, 3]] output_shape [2, 3, 2, 2]
      : tensor<2x3x4xf32> into tensor<2x3x2x2xf32>
  %t0 = tensor.empty() : tensor<2x2x3x2xf32>
  %q = linalg.transpose ins(%e2 : tensor<2x3x2x2xf32>)
      outs(%t0 : tensor<2x2x3x2xf32>) permutation = [0, 2, 1, 3]
  %a, %m, %s = hopfield.online_associate %q, %k, %v
      head_beta(%hb : tensor<2xf32>) beta = 2.0 outs(%acc, %max, %sum)
      : tensor<2x2x3x2xf32>, tensor<2x2x4x2xf32>, tensor<2x2x4x2xf32>
      -> tensor<2x2x3x2xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>
  return %a : tensor<2x2x3x2xf32>
}
