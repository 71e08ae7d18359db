// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s --mlir-print-op-generic | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// hopfield.association_change: the squared change of the association matrix
// between two (already scaled) queries, accumulated into a [B,H] init. The
// custom form, the generic form and a re-parse of either print the same op.

// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x4x8xf32>, %[[QB:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[LA:[^:]+]]: tensor<2x3x4xf32>, %[[LB:[^:]+]]: tensor<2x3x4xf32>, %[[I:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[C:.+]] = hopfield.association_change %[[QA]], %[[QB]], %[[K]] lse(%[[LA]], %[[LB]]) outs(%[[I]]) :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>{{$}}
// CHECK: return %[[C]] : tensor<2x3xf32>

// GENERIC-LABEL: sym_name = "plain"
// GENERIC: "hopfield.association_change"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0, 1>}>
// GENERIC-SAME: : (tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @plain(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>,
                 %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>,
                 %lb: tensor<2x3x4xf32>, %init: tensor<2x3xf32>)
    -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// Every optional piece: broadcast mask and bias, offsets, causal.
// CHECK-LABEL: func.func @all_optionals
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x4x8xf32>, %[[QB:[^:]+]]: tensor<2x3x4x8xf32>, %[[K:[^:]+]]: tensor<2x3x6x8xf32>, %[[LA:[^:]+]]: tensor<2x3x4xf32>, %[[LB:[^:]+]]: tensor<2x3x4xf32>, %[[M:[^:]+]]: tensor<2x1x1x6xi1>, %[[B:[^:]+]]: tensor<1x1x4x6xf32>, %[[QO:[^:]+]]: index, %[[KO:[^:]+]]: index, %[[I:[^:]+]]: tensor<2x3xf32>)
// CHECK: hopfield.association_change %[[QA]], %[[QB]], %[[K]] lse(%[[LA]], %[[LB]])
// CHECK-SAME: mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) offsets(%[[QO]], %[[KO]]) causal outs(%[[I]]) :
// CHECK-SAME: -> tensor<2x3xf32>{{$}}

// GENERIC-LABEL: sym_name = "all_optionals"
// GENERIC: "hopfield.association_change"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{causal, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1>}>
func.func @all_optionals(%qa: tensor<2x3x4x8xf32>, %qb: tensor<2x3x4x8xf32>,
                         %k: tensor<2x3x6x8xf32>, %la: tensor<2x3x4xf32>,
                         %lb: tensor<2x3x4xf32>, %m: tensor<2x1x1x6xi1>,
                         %b: tensor<1x1x4x6xf32>, %qo: index, %ko: index,
                         %init: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb)
      mask(%m : tensor<2x1x1x6xi1>) bias(%b : tensor<1x1x4x6xf32>)
      offsets(%qo, %ko) causal outs(%init)
      : tensor<2x3x4x8xf32>, tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>,
        tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// Only a bias (no mask): the segment sizes pick the right operand.
// CHECK-LABEL: func.func @bias_only
// CHECK-SAME: %[[B:[^:]+]]: tensor<2x3x4x6xf64>, %[[I:[^:]+]]: tensor<2x3xf64>)
// CHECK: hopfield.association_change %{{.+}}, %{{.+}}, %{{.+}} lse(%{{.+}}, %{{.+}}) bias(%[[B]] : tensor<2x3x4x6xf64>) outs(%[[I]]) :
// CHECK-SAME: -> tensor<2x3xf64>{{$}}

// GENERIC-LABEL: sym_name = "bias_only"
// GENERIC: "hopfield.association_change"{{.+}}operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1, 0, 0, 1>
func.func @bias_only(%qa: tensor<2x3x4x8xf64>, %qb: tensor<2x3x4x8xf64>,
                     %k: tensor<2x3x6x8xf64>, %la: tensor<2x3x4xf64>,
                     %lb: tensor<2x3x4xf64>, %b: tensor<2x3x4x6xf64>,
                     %init: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb)
      bias(%b : tensor<2x3x4x6xf64>) outs(%init)
      : tensor<2x3x4x8xf64>, tensor<2x3x4x8xf64>, tensor<2x3x6x8xf64>,
        tensor<2x3x4xf64>, tensor<2x3x4xf64>, tensor<2x3xf64> -> tensor<2x3xf64>
  return %c : tensor<2x3xf64>
}

// Dynamic sizes, and bf16 queries with f32 statistics (the element type of
// the lse and init is the accumulator's, not the query's).
// CHECK-LABEL: func.func @dynamic_bf16
// CHECK: hopfield.association_change %{{.+}}, %{{.+}}, %{{.+}} lse(%{{.+}}, %{{.+}}) outs(%{{.+}}) :
// CHECK-SAME: tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?xf32>, tensor<?x2x?xf32>, tensor<?x2xf32> -> tensor<?x2xf32>{{$}}
func.func @dynamic_bf16(%qa: tensor<?x2x?x8xbf16>, %qb: tensor<?x2x?x8xbf16>,
                        %k: tensor<?x2x?x8xbf16>, %la: tensor<?x2x?xf32>,
                        %lb: tensor<?x2x?xf32>, %init: tensor<?x2xf32>)
    -> tensor<?x2xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>, tensor<?x2x?x8xbf16>,
        tensor<?x2x?xf32>, tensor<?x2x?xf32>, tensor<?x2xf32> -> tensor<?x2xf32>
  return %c : tensor<?x2xf32>
}

// Written in the generic form, the op prints back in the custom form.
// CHECK-LABEL: func.func @generic_input
// CHECK: hopfield.association_change %{{.+}}, %{{.+}}, %{{.+}} lse(%{{.+}}, %{{.+}}) causal outs(%{{.+}}) :
func.func @generic_input(%qa: tensor<1x1x4x8xf32>, %qb: tensor<1x1x4x8xf32>,
                         %k: tensor<1x1x6x8xf32>, %la: tensor<1x1x4xf32>,
                         %lb: tensor<1x1x4xf32>, %init: tensor<1x1xf32>)
    -> tensor<1x1xf32> {
  %c = "hopfield.association_change"(%qa, %qb, %k, %la, %lb, %init)
      <{causal, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0, 1>}>
      : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x6x8xf32>,
         tensor<1x1x4xf32>, tensor<1x1x4xf32>, tensor<1x1xf32>) -> tensor<1x1xf32>
  return %c : tensor<1x1xf32>
}
