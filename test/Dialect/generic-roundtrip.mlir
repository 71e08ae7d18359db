// RUN: hopfield-opt %s --mlir-print-op-generic | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// The generic form, with every property (segment sizes, enum and array
// attributes, unit attributes), parses back to the same op.

// CHECK-LABEL: func.func @associate_all
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[HB:.+]]: tensor<3xf32>, %[[M:.+]]: tensor<2x1x1x6xi1>, %[[B:.+]]: tensor<1x1x4x6xf32>)
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]]
// CHECK-SAME: head_beta(%[[HB]] : tensor<3xf32>) mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>)
// CHECK-SAME: beta = 1.250000e-01 max_steps = [2, unbounded, 0] causal
// CHECK-SAME: {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-02, 1.000000e-03, 1.000000e-01>} :
// CHECK-SAME: -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]]

// GENERIC-LABEL: sym_name = "associate_all"
// GENERIC: "hopfield.associate"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{beta = 1.250000e-01 : f64, causal, criterion = #hopfield.criterion<state>,
// GENERIC-SAME: eps = array<f64: 1.000000e-02, 1.000000e-03, 1.000000e-01>, max_steps = array<i64: 2, -1, 0>,
// GENERIC-SAME: operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0>, resultSegmentSizes = array<i32: 1, 1, 1>}>
func.func @associate_all(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                         %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                         %m: tensor<2x1x1x6xi1>, %b: tensor<1x1x4x6xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v
      head_beta(%hb : tensor<3xf32>) mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<1x1x4x6xf32>) beta = 0.125
      max_steps = [2, unbounded, 0] causal
      {criterion = #hopfield.criterion<state>,
       eps = array<f64: 1.0e-2, 1.0e-3, 1.0e-1>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  return %out, %xi, %steps
      : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>
}

// Only the steps result: the result segment sizes pick the right one.
// CHECK-LABEL: func.func @associate_steps_only
// CHECK: %[[OUT:.+]], %[[STEPS:.+]] = hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} mask(%{{.+}} : tensor<1x1x4x6xi1>) beta = 1.000000e+00 max_steps = [unbounded] :
// CHECK-SAME: -> tensor<2x3x4x5xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[STEPS]]

// GENERIC-LABEL: sym_name = "associate_steps_only"
// GENERIC: "hopfield.associate"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{beta = 1.000000e+00 : f64, criterion = #hopfield.criterion<association>,
// GENERIC-SAME: eps = array<f64: 1.000000e-04>, max_steps = array<i64: -1>,
// GENERIC-SAME: operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 1>}>
func.func @associate_steps_only(%q: tensor<2x3x4x8xf32>,
                                %k: tensor<2x3x6x8xf32>,
                                %v: tensor<2x3x6x5xf32>,
                                %m: tensor<1x1x4x6xi1>)
    -> (tensor<2x3x4x5xf32>, tensor<3xi64>) {
  %out, %steps = hopfield.associate %q, %k, %v mask(%m : tensor<1x1x4x6xi1>)
      beta = 1.0 max_steps = [unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %out, %steps : tensor<2x3x4x5xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @online
// CHECK-SAME: (%[[Q:.+]]: tensor<1x2x4x8xbf16>, %[[K:.+]]: tensor<1x2x6x8xbf16>, %[[V:.+]]: tensor<1x2x6x8xbf16>, %[[MK:.+]]: tensor<1x1x4x6xi1>, %[[QO:.+]]: index, %[[KO:.+]]: index, %[[ACC:.+]]: tensor<1x2x4x8xf32>, %[[MAX:.+]]: tensor<1x2x4xf32>, %[[SUM:.+]]: tensor<1x2x4xf32>)
// CHECK: %[[A:.+]], %[[MX:.+]], %[[S:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] mask(%[[MK]] : tensor<1x1x4x6xi1>) offsets(%[[QO]], %[[KO]]) beta = 2.000000e+00 causal outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK-SAME: tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x8xbf16> -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>{{$}}
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[A]], %[[S]] : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>{{$}}
// CHECK: return %[[OUT]], %[[MX]]

// GENERIC-LABEL: sym_name = "online"
// GENERIC: "hopfield.online_associate"(%{{.+}}) <{beta = 2.000000e+00 : f64, causal, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1>}>
// GENERIC: "hopfield.finalize"(%{{.+}}, %{{.+}}) : (tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) -> tensor<1x2x4x8xbf16>
func.func @online(%q: tensor<1x2x4x8xbf16>, %k: tensor<1x2x6x8xbf16>,
                  %v: tensor<1x2x6x8xbf16>, %mk: tensor<1x1x4x6xi1>,
                  %qo: index, %ko: index, %acc: tensor<1x2x4x8xf32>,
                  %max: tensor<1x2x4xf32>, %sum: tensor<1x2x4xf32>)
    -> (tensor<1x2x4x8xbf16>, tensor<1x2x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v
      mask(%mk : tensor<1x1x4x6xi1>) offsets(%qo, %ko) beta = 2.0 causal
      outs(%acc, %max, %sum)
      : tensor<1x2x4x8xbf16>, tensor<1x2x6x8xbf16>, tensor<1x2x6x8xbf16>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  %out = hopfield.finalize %a, %s
      : tensor<1x2x4x8xf32>, tensor<1x2x4xf32> -> tensor<1x2x4x8xbf16>
  return %out, %m : tensor<1x2x4x8xbf16>, tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @mha_and_merge
// CHECK: %[[O1:.+]], %[[H1:.+]] = hopfield.mha %{{.+}}, %{{.+}}, %{{.+}} alpha_hidden = 2.500000e-01 scale = 5.000000e-01 {init = #hopfield.init<zero>} :
// CHECK: %[[O2:.+]], %[[H2:.+]] = hopfield.mha %[[O1]], %[[O1]], %[[O1]] hidden(%[[H1]] : tensor<1x1x4x4xf32>) mask(%{{.+}} : tensor<1x1x4x4xi1>) alpha_hidden = 7.500000e-01 causal :
// CHECK: hopfield.merge(%{{.+}}, %{{.+}}, %{{.+}}), (%{{.+}}, %{{.+}}, %{{.+}}) : tensor<1x1x4x4xf32>, tensor<1x1x4xf32>{{$}}
// CHECK: %[[L:.+]] = hopfield.lse %[[H2]] beta = 1.500000e+00 : tensor<1x1x4x4xf32> -> tensor<1x1x4xf32>{{$}}
// CHECK: hopfield.energy %{{.+}}, %{{.+}} beta = 1.500000e+00 : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4xf32>{{$}}

// GENERIC-LABEL: sym_name = "mha_and_merge"
// GENERIC: "hopfield.mha"(%{{.+}}, %{{.+}}, %{{.+}}) <{alpha_hidden = 2.500000e-01 : f64, init = #hopfield.init<zero>, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, scale = 5.000000e-01 : f64}>
// GENERIC: "hopfield.mha"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{alpha_hidden = 7.500000e-01 : f64, causal, init = #hopfield.init<first_scores>, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>}>
// GENERIC: "hopfield.merge"
// GENERIC: "hopfield.lse"(%{{.+}}) <{beta = 1.500000e+00 : f64}>
// GENERIC: "hopfield.energy"(%{{.+}}, %{{.+}}) <{beta = 1.500000e+00 : f64}>
func.func @mha_and_merge(%x: tensor<1x1x4x8xf32>, %m: tensor<1x1x4x4xi1>,
                         %acc: tensor<1x1x4x4xf32>, %mx: tensor<1x1x4xf32>,
                         %sm: tensor<1x1x4xf32>)
    -> (tensor<1x1x4x4xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>,
        tensor<1x1x4xf32>) {
  %o1, %h1 = hopfield.mha %x, %x, %x alpha_hidden = 0.25 scale = 0.5
      {init = #hopfield.init<zero>}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %o1 hidden(%h1 : tensor<1x1x4x4xf32>)
      mask(%m : tensor<1x1x4x4xi1>) alpha_hidden = 0.75 causal
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4x4xf32>
  %a, %b, %c = hopfield.merge (%acc, %mx, %sm), (%h1, %mx, %sm)
      : tensor<1x1x4x4xf32>, tensor<1x1x4xf32>
  %l = hopfield.lse %h2 beta = 1.5 : tensor<1x1x4x4xf32> -> tensor<1x1x4xf32>
  %e = hopfield.energy %h1, %h2 beta = 1.5
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4xf32>
  return %a, %b, %l, %e
      : tensor<1x1x4x4xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>,
        tensor<1x1x4xf32>
}

// Only the query offset among the optional operands.
// CHECK-LABEL: func.func @associate_query_offset
// CHECK-SAME: %[[OFF:[^:]+]]: index)
// CHECK: hopfield.associate %{{.+}}, %{{.+}}, %{{.+}} query_offset(%[[OFF]]) beta = 2.000000e+00 max_steps = [0] causal :

// GENERIC-LABEL: sym_name = "associate_query_offset"
// GENERIC: "hopfield.associate"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{beta = 2.000000e+00 : f64, causal,
// GENERIC-SAME: operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 1>, resultSegmentSizes = array<i32: 1, 0, 0>}>
// GENERIC-SAME: (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>, index) -> tensor<2x3x4x5xf32>
func.func @associate_query_offset(%q: tensor<2x3x4x8xf32>,
                                  %k: tensor<2x3x6x8xf32>,
                                  %v: tensor<2x3x6x5xf32>, %off: index)
    -> tensor<2x3x4x5xf32> {
  %out = hopfield.associate %q, %k, %v query_offset(%off) beta = 2.0
      max_steps = [0] causal
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>
  return %out : tensor<2x3x4x5xf32>
}
