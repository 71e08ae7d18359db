// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// hopfield.merge and hopfield.finalize.

// CHECK-LABEL: func.func @merge
// CHECK-SAME: (%[[A0:.+]]: tensor<2x3x4x5xf32>, %[[M0:.+]]: tensor<2x3x4xf32>, %[[S0:.+]]: tensor<2x3x4xf32>, %[[A1:.+]]: tensor<2x3x4x5xf32>, %[[M1:.+]]: tensor<2x3x4xf32>, %[[S1:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[A:.+]], %[[M:.+]], %[[S:.+]] = hopfield.merge(%[[A0]], %[[M0]], %[[S0]]), (%[[A1]], %[[M1]], %[[S1]]) : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>{{$}}
// CHECK: return %[[A]], %[[M]], %[[S]] : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
func.func @merge(%a0: tensor<2x3x4x5xf32>, %m0: tensor<2x3x4xf32>,
                 %s0: tensor<2x3x4xf32>, %a1: tensor<2x3x4x5xf32>,
                 %m1: tensor<2x3x4xf32>, %s1: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.merge (%a0, %m0, %s0), (%a1, %m1, %s1)
      : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// The second partial result goes first: operand order is kept.
// CHECK-LABEL: func.func @merge_swapped
// CHECK-SAME: (%[[A0:.+]]: tensor<2x3x4x5xf32>, %[[M0:.+]]: tensor<2x3x4xf32>, %[[S0:.+]]: tensor<2x3x4xf32>, %[[A1:.+]]: tensor<2x3x4x5xf32>, %[[M1:.+]]: tensor<2x3x4xf32>, %[[S1:.+]]: tensor<2x3x4xf32>)
// CHECK: hopfield.merge(%[[A1]], %[[M1]], %[[S1]]), (%[[A0]], %[[M0]], %[[S0]])
func.func @merge_swapped(%a0: tensor<2x3x4x5xf32>, %m0: tensor<2x3x4xf32>,
                         %s0: tensor<2x3x4xf32>, %a1: tensor<2x3x4x5xf32>,
                         %m1: tensor<2x3x4xf32>, %s1: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.merge (%a1, %m1, %s1), (%a0, %m0, %s0)
      : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @merge_dynamic_f16
// CHECK: %{{.+}}, %{{.+}}, %{{.+}} = hopfield.merge(%{{.+}}, %{{.+}}, %{{.+}}), (%{{.+}}, %{{.+}}, %{{.+}}) : tensor<?x?x?x?xf16>, tensor<?x?x?xf16>{{$}}
func.func @merge_dynamic_f16(%a0: tensor<?x?x?x?xf16>, %m0: tensor<?x?x?xf16>,
                             %s0: tensor<?x?x?xf16>, %a1: tensor<?x?x?x?xf16>,
                             %m1: tensor<?x?x?xf16>, %s1: tensor<?x?x?xf16>)
    -> (tensor<?x?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?x?xf16>) {
  %a, %m, %s = hopfield.merge (%a0, %m0, %s0), (%a1, %m1, %s1)
      : tensor<?x?x?x?xf16>, tensor<?x?x?xf16>
  return %a, %m, %s : tensor<?x?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?x?xf16>
}

// CHECK-LABEL: func.func @finalize
// CHECK-SAME: (%[[ACC:.+]]: tensor<2x3x4x5xf32>, %[[SUM:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[ACC]], %[[SUM]] : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x5xf32>{{$}}
// CHECK: return %[[OUT]] : tensor<2x3x4x5xf32>
func.func @finalize(%acc: tensor<2x3x4x5xf32>, %sum: tensor<2x3x4xf32>)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.finalize %acc, %sum
      : tensor<2x3x4x5xf32>, tensor<2x3x4xf32> -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}

// f32 statistics, bf16 output.
// CHECK-LABEL: func.func @finalize_to_bf16
// CHECK-SAME: (%[[ACC:.+]]: tensor<1x2x?x8xf32>, %[[SUM:.+]]: tensor<1x2x?xf32>) -> tensor<1x2x?x8xbf16>
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[ACC]], %[[SUM]] : tensor<1x2x?x8xf32>, tensor<1x2x?xf32> -> tensor<1x2x?x8xbf16>{{$}}
// CHECK: return %[[OUT]] : tensor<1x2x?x8xbf16>
func.func @finalize_to_bf16(%acc: tensor<1x2x?x8xf32>, %sum: tensor<1x2x?xf32>)
    -> tensor<1x2x?x8xbf16> {
  %out = hopfield.finalize %acc, %sum
      : tensor<1x2x?x8xf32>, tensor<1x2x?xf32> -> tensor<1x2x?x8xbf16>
  return %out : tensor<1x2x?x8xbf16>
}

// Split-K: two key halves, merged, then finalized.
// CHECK-LABEL: func.func @split_k
// CHECK: %[[A0:.+]], %[[M0:.+]], %[[S0:.+]] = hopfield.online_associate {{.+}} offsets(%[[ZERO:.+]], %[[ZERO]]) beta = 5.000000e-01 outs(
// CHECK: %[[A1:.+]], %[[M1:.+]], %[[S1:.+]] = hopfield.online_associate {{.+}} offsets(%[[ZERO]], %[[THREE:.+]]) beta = 5.000000e-01 outs(
// CHECK: %[[A:.+]], %[[M:.+]], %[[S:.+]] = hopfield.merge(%[[A0]], %[[M0]], %[[S0]]), (%[[A1]], %[[M1]], %[[S1]]) : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[A]], %[[S]] : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>
// CHECK: return %[[OUT]]
func.func @split_k(%q: tensor<1x2x4x8xbf16>, %k0: tensor<1x2x3x8xbf16>,
                   %v0: tensor<1x2x3x8xbf16>, %k1: tensor<1x2x3x8xbf16>,
                   %v1: tensor<1x2x3x8xbf16>, %acc: tensor<1x2x4x8xf32>,
                   %max: tensor<1x2x4xf32>, %sum: tensor<1x2x4xf32>)
    -> tensor<1x2x4x8xbf16> {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %a0, %m0, %s0 = hopfield.online_associate %q, %k0, %v0 offsets(%c0, %c0)
      beta = 0.5 outs(%acc, %max, %sum)
      : tensor<1x2x4x8xbf16>, tensor<1x2x3x8xbf16>, tensor<1x2x3x8xbf16>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %a1, %m1, %s1 = hopfield.online_associate %q, %k1, %v1 offsets(%c0, %c3)
      beta = 0.5 outs(%acc, %max, %sum)
      : tensor<1x2x4x8xbf16>, tensor<1x2x3x8xbf16>, tensor<1x2x3x8xbf16>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %a, %m, %s = hopfield.merge (%a0, %m0, %s0), (%a1, %m1, %s1)
      : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
  %out = hopfield.finalize %a, %s
      : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>
  return %out : tensor<1x2x4x8xbf16>
}
