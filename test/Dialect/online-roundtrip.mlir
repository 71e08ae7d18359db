// RUN: hopfield-opt %s | FileCheck %s
// RUN: hopfield-opt %s | hopfield-opt | FileCheck %s

// hopfield.online_associate: result types are inferred from the outs.

// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[ACC:.+]]: tensor<2x3x4x5xf32>, %[[MAX:.+]]: tensor<2x3x4xf32>, %[[SUM:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[A:.+]], %[[M:.+]], %[[S:.+]] = hopfield.online_associate %[[Q]], %[[K]], %[[V]] beta = 5.000000e-01 outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK-SAME: tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32> -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>{{$}}
// CHECK: return %[[A]], %[[M]], %[[S]] : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
func.func @plain(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                 %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>,
                 %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0.5
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @causal_without_offsets
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} beta = 5.000000e-01 causal outs(
func.func @causal_without_offsets(%q: tensor<2x3x4x8xf32>,
                                  %k: tensor<2x3x6x8xf32>,
                                  %v: tensor<2x3x6x5xf32>,
                                  %acc: tensor<2x3x4x5xf32>,
                                  %max: tensor<2x3x4xf32>,
                                  %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v beta = 0.5 causal
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @offsets
// CHECK-SAME: (%[[Q:.+]]: tensor<2x3x4x8xf32>, %[[K:.+]]: tensor<2x3x6x8xf32>, %[[V:.+]]: tensor<2x3x6x5xf32>, %[[ACC:.+]]: tensor<2x3x4x5xf32>, %[[MAX:.+]]: tensor<2x3x4xf32>, %[[SUM:.+]]: tensor<2x3x4xf32>, %[[QO:.+]]: index, %[[KO:.+]]: index)
// CHECK: hopfield.online_associate %[[Q]], %[[K]], %[[V]] offsets(%[[QO]], %[[KO]]) beta = 5.000000e-01 causal outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
// CHECK-SAME: -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>{{$}}
func.func @offsets(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                   %v: tensor<2x3x6x5xf32>, %acc: tensor<2x3x4x5xf32>,
                   %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>,
                   %qo: index, %ko: index)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v offsets(%qo, %ko)
      beta = 0.5 causal outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// Constant offsets, as produced by tiling with static steps.
// CHECK-LABEL: func.func @constant_offsets
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C6:.+]] = arith.constant 6 : index
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} offsets(%[[C0]], %[[C6]]) beta = 1.000000e+00 outs(
func.func @constant_offsets(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                            %v: tensor<2x3x6x5xf32>,
                            %acc: tensor<2x3x4x5xf32>,
                            %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %c0 = arith.constant 0 : index
  %c6 = arith.constant 6 : index
  %a, %m, %s = hopfield.online_associate %q, %k, %v offsets(%c0, %c6)
      beta = 1.0 outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @head_beta_mask_bias
// CHECK-SAME: %[[HB:[^:]+]]: tensor<3xf32>, %[[MK:[^:]+]]: tensor<2x1x1x6xi1>, %[[B:[^:]+]]: tensor<1x1x4x6xf32>, %[[ACC:[^:]+]]: tensor<2x3x4x5xf32>, %[[MAX:[^:]+]]: tensor<2x3x4xf32>, %[[SUM:[^:]+]]: tensor<2x3x4xf32>)
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} head_beta(%[[HB]] : tensor<3xf32>) mask(%[[MK]] : tensor<2x1x1x6xi1>) bias(%[[B]] : tensor<1x1x4x6xf32>)
// CHECK-SAME: beta = 2.000000e+00 outs(%[[ACC]], %[[MAX]], %[[SUM]]) :
func.func @head_beta_mask_bias(%q: tensor<2x3x4x8xf32>,
                               %k: tensor<2x3x6x8xf32>,
                               %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                               %mk: tensor<2x1x1x6xi1>,
                               %b: tensor<1x1x4x6xf32>,
                               %acc: tensor<2x3x4x5xf32>,
                               %max: tensor<2x3x4xf32>,
                               %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v
      head_beta(%hb : tensor<3xf32>) mask(%mk : tensor<2x1x1x6xi1>)
      bias(%b : tensor<1x1x4x6xf32>) beta = 2.0 outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// Every optional part at once.
// CHECK-LABEL: func.func @all_combined
// CHECK: hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} head_beta(%{{.+}} : tensor<3xf32>) mask(%{{.+}} : tensor<1x1x4x6xi1>) bias(%{{.+}} : tensor<2x3x4x6xf32>)
// CHECK-SAME: offsets(%{{.+}}, %{{.+}}) beta = 3.000000e+00 causal outs(
func.func @all_combined(%q: tensor<2x3x4x8xf32>, %k: tensor<2x3x6x8xf32>,
                        %v: tensor<2x3x6x5xf32>, %hb: tensor<3xf32>,
                        %mk: tensor<1x1x4x6xi1>, %b: tensor<2x3x4x6xf32>,
                        %qo: index, %ko: index, %acc: tensor<2x3x4x5xf32>,
                        %max: tensor<2x3x4xf32>, %sum: tensor<2x3x4xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v
      head_beta(%hb : tensor<3xf32>) mask(%mk : tensor<1x1x4x6xi1>)
      bias(%b : tensor<2x3x4x6xf32>) offsets(%qo, %ko) beta = 3.0 causal
      outs(%acc, %max, %sum)
      : tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>, tensor<2x3x6x5xf32>
      -> tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
  return %a, %m, %s : tensor<2x3x4x5xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// bf16 inputs accumulated into f32 running statistics.
// CHECK-LABEL: func.func @bf16_inputs_f32_outs
// CHECK-SAME: -> (tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>)
// CHECK: %[[A:.+]], %[[M:.+]], %[[S:.+]] = hopfield.online_associate %{{.+}}, %{{.+}}, %{{.+}} offsets(%{{.+}}, %{{.+}}) beta = 1.250000e-01 causal outs(%{{.+}}, %{{.+}}, %{{.+}}) :
// CHECK-SAME: tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16> -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>{{$}}
// CHECK: return %[[A]], %[[M]], %[[S]] : tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>
func.func @bf16_inputs_f32_outs(%q: tensor<1x2x?x8xbf16>,
                                %k: tensor<1x2x?x8xbf16>,
                                %v: tensor<1x2x?x8xbf16>,
                                %acc: tensor<1x2x?x8xf32>,
                                %max: tensor<1x2x?xf32>,
                                %sum: tensor<1x2x?xf32>, %qo: index,
                                %ko: index)
    -> (tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>) {
  %a, %m, %s = hopfield.online_associate %q, %k, %v offsets(%qo, %ko)
      beta = 0.125 causal outs(%acc, %max, %sum)
      : tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>
      -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>
  return %a, %m, %s : tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?xf32>
}
