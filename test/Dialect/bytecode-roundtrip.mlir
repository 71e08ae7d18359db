// RUN: hopfield-opt %s -emit-bytecode | hopfield-opt | FileCheck %s
// RUN: hopfield-opt %s -emit-bytecode | hopfield-opt -emit-bytecode | hopfield-opt | FileCheck %s

// Every op, with its properties and enum attributes, survives a trip
// through MLIR bytecode.

// CHECK-LABEL: func.func @associate
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[HB:.+]]: tensor<3xf32>, %[[M:.+]]: tensor<2x1x1x6xi1>, %[[B:.+]]: tensor<1x1x4x6xf32>, %[[OFF:.+]]: index)
// CHECK: %[[OUT:.+]], %[[XI:.+]], %[[STEPS:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]]
// CHECK-SAME: head_beta(%[[HB]] : tensor<3xf32>) mask(%[[M]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>) query_offset(%[[OFF]])
// CHECK-SAME: beta = 1.250000e-01 max_steps = [2, unbounded, 0] causal
// CHECK-SAME: {criterion = #hopfield.criterion<state>, eps = array<f64: 1.000000e-02, 1.000000e-03, 1.000000e-01>} :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
// CHECK-SAME: -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32> steps tensor<3xi64>{{$}}
// CHECK: %[[O2:.+]], %[[S2:.+]] = hopfield.associate %[[Q]], %[[K]], %[[V]] beta = 4.000000e+00 max_steps = [unbounded] :
// CHECK-SAME: -> tensor<2x3x4x5xf32> steps tensor<3xi64>{{$}}
// CHECK: return %[[OUT]], %[[XI]], %[[STEPS]], %[[S2]]
func.func @associate(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                     %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                     %m: tensor<2x1x1x6xi1>, %b: tensor<1x1x4x6xf32>,
                     %off: index)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>,
        tensor<3xi64>) {
  %out, %xi, %steps = hopfield.associate %q, %k, %v
      head_beta(%hb : tensor<3xf32>) mask(%m : tensor<2x1x1x6xi1>)
      bias(%b : tensor<1x1x4x6xf32>) query_offset(%off) beta = 0.125
      max_steps = [2, unbounded, 0] causal
      {criterion = #hopfield.criterion<state>,
       eps = array<f64: 1.0e-2, 1.0e-3, 1.0e-1>}
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> association tensor<2x3x4x6xf32>
         steps tensor<3xi64>
  %o2, %s2 = hopfield.associate %q, %k, %v beta = 4.0 max_steps = [unbounded]
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32> steps tensor<3xi64>
  return %out, %xi, %steps, %s2
      : tensor<2x3x4x5xf32>, tensor<2x3x4x6xf32>, tensor<3xi64>, tensor<3xi64>
}

// CHECK-LABEL: func.func @online
// CHECK-SAME: (%[[Q:.+]]: tensor<1x2x?x8xbf16>, %[[K:.+]]: tensor<1x2x?x8xbf16>, %[[V:.+]]: tensor<1x2x?x8xbf16>, %[[QO:.+]]: index, %[[KO:.+]]: index, %[[ACC:.+]]: tensor<1x2x?x8xf32>, %[[MAX:.+]]: tensor<1x2x?xf32>, %[[SUM:.+]]: tensor<1x2x?xf32>)
// CHECK: %[[A0:.+]], %[[M0:.+]], %[[S0:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] offsets(%[[QO]], %[[KO]]) beta = 1.250000e-01 causal outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK-SAME: tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16> -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>{{$}}
// CHECK: %[[A1:.+]], %[[M1:.+]], %[[S1:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] beta = 1.250000e-01 outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK: %[[A:.+]], %[[M:.+]], %[[S:.+]] = hopfield.merge(%[[A0]], %[[M0]], %[[S0]]), (%[[A1]], %[[M1]], %[[S1]]) : tensor<1x2x?x8xf32>, tensor<1x2x?xf32>{{$}}
// CHECK: %[[OUT:.+]] = hopfield.finalize %[[A]], %[[S]] : tensor<1x2x?x8xf32>, tensor<1x2x?xf32> -> tensor<1x2x?x8xbf16>{{$}}
// CHECK: return %[[OUT]], %[[M]]
func.func @online(%q: tensor<1x2x?x8xbf16>, %k: tensor<1x2x?x8xbf16>,
                  %v: tensor<1x2x?x8xbf16>, %qo: index, %ko: index,
                  %acc: tensor<1x2x?x8xf32>, %max: tensor<1x2x?xf32>,
                  %sum: tensor<1x2x?xf32>)
    -> (tensor<1x2x?x8xbf16>, tensor<1x2x?xf32>) {
  %a0, %m0, %s0 = hopfield.online_associate %q, %k, %v offsets(%qo, %ko)
      beta = 0.125 causal outs(%acc, %max, %sum)
      : tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>
      -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>
  %a1, %m1, %s1 = hopfield.online_associate %q, %k, %v beta = 0.125
      outs(%acc, %max, %sum)
      : tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>
      -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>
  %a, %m, %s = hopfield.merge (%a0, %m0, %s0), (%a1, %m1, %s1)
      : tensor<1x2x?x8xf32>, tensor<1x2x?xf32>
  %out = hopfield.finalize %a, %s
      : tensor<1x2x?x8xf32>, tensor<1x2x?xf32> -> tensor<1x2x?x8xbf16>
  return %out, %m : tensor<1x2x?x8xbf16>, tensor<1x2x?xf32>
}

// CHECK-LABEL: func.func @mha
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x8x16xf32>, %[[MK:.+]]: tensor<1x1x8x8xi1>)
// CHECK: %[[O1:.+]], %[[H1:.+]] = hopfield.mha %[[X]], %[[X]], %[[X]] alpha_hidden = 5.000000e-01 {init = #hopfield.init<zero>} :
// CHECK: %[[O2:.+]], %[[H2:.+]] = hopfield.mha %[[O1]], %[[O1]], %[[O1]] hidden(%[[H1]] : tensor<1x2x8x8xf32>) mask(%[[MK]] : tensor<1x1x8x8xi1>) alpha_hidden = 7.500000e-01 scale = 2.500000e-01 causal :
// CHECK-SAME: -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>{{$}}
// CHECK: return %[[O2]], %[[H2]]
func.func @mha(%x: tensor<1x2x8x16xf32>, %mk: tensor<1x1x8x8xi1>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>) {
  %o1, %h1 = hopfield.mha %x, %x, %x alpha_hidden = 0.5
      {init = #hopfield.init<zero>}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
  %o2, %h2 = hopfield.mha %o1, %o1, %o1 hidden(%h1 : tensor<1x2x8x8xf32>)
      mask(%mk : tensor<1x1x8x8xi1>) alpha_hidden = 0.75 scale = 0.25 causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
  return %o2, %h2 : tensor<1x2x8x16xf32>, tensor<1x2x8x8xf32>
}

// CHECK-LABEL: func.func @energy_lse
// CHECK-SAME: (%[[Z:.+]]: tensor<?x4x10xf64>, %[[X:.+]]: tensor<?x4x8xf64>, %[[P:.+]]: tensor<?x16x8xf64>)
// CHECK: %[[L:.+]] = hopfield.lse %[[Z]] beta = 5.000000e-01 : tensor<?x4x10xf64> -> tensor<?x4xf64>{{$}}
// CHECK: %[[E:.+]] = hopfield.energy %[[X]], %[[P]] beta = 2.000000e+00 : tensor<?x4x8xf64>, tensor<?x16x8xf64> -> tensor<?x4xf64>{{$}}
// CHECK: return %[[L]], %[[E]]
func.func @energy_lse(%z: tensor<?x4x10xf64>, %x: tensor<?x4x8xf64>,
                      %p: tensor<?x16x8xf64>)
    -> (tensor<?x4xf64>, tensor<?x4xf64>) {
  %l = hopfield.lse %z beta = 0.5 : tensor<?x4x10xf64> -> tensor<?x4xf64>
  %e = hopfield.energy %x, %p beta = 2.0
      : tensor<?x4x8xf64>, tensor<?x16x8xf64> -> tensor<?x4xf64>
  return %l, %e : tensor<?x4xf64>, tensor<?x4xf64>
}

// Enum attributes outside the ops.
// CHECK-LABEL: func.func @enum_attrs
// CHECK-SAME: attributes {crit = #hopfield.criterion<state>, init = #hopfield.init<zero>}
func.func @enum_attrs() attributes {crit = #hopfield.criterion<state>,
                                    init = #hopfield.init<zero>} {
  return
}
