// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=1,1,8,16" -split-input-file | FileCheck %s
// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=0,0,8" -split-input-file | FileCheck %s --check-prefix=ROWS

// hopfield.association_change through its TilingInterface: the iteration
// domain is (b, h, l, s) with l and s reductions. Every loop carries the
// [B,H] accumulator; each tile reads its query rows, key rows, lse rows and
// broadcast slices of mask and bias, and its absolute position reaches the
// op as offsets (added to offsets the op already has).

// CHECK-LABEL: func.func @masked_with_offsets
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<2x3x16x8xf32>, %[[QB:[^:]+]]: tensor<2x3x16x8xf32>, %[[K:[^:]+]]: tensor<2x3x32x8xf32>, %[[LA:[^:]+]]: tensor<2x3x16xf32>, %[[LB:[^:]+]]: tensor<2x3x16xf32>, %[[M:[^:]+]]: tensor<2x1x1x32xi1>, %[[BI:[^:]+]]: tensor<1x1x16x32xf32>, %[[QO:[^:]+]]: index, %[[KO:[^:]+]]: index, %[[I:[^:]+]]: tensor<2x3xf32>)
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: %[[R:.+]] = scf.for %[[B:[^ ]+]] = %{{.+}} to %[[C2]] step %{{.+}} iter_args(%[[A0:[^ ]+]] = %[[I]]) -> (tensor<2x3xf32>)
// CHECK: scf.for %[[H:[^ ]+]] = %{{.+}} to %[[C3]] step %{{.+}} iter_args(%[[A1:[^ ]+]] = %[[A0]]) -> (tensor<2x3xf32>)
// CHECK: scf.for %[[L:[^ ]+]] = %{{.+}} to %[[C16]] step %[[C8]] iter_args(%[[A2:[^ ]+]] = %[[A1]]) -> (tensor<2x3xf32>)
// CHECK: scf.for %[[S:[^ ]+]] = %{{.+}} to %[[C32]] step %{{.+}} iter_args(%[[A3:[^ ]+]] = %[[A2]]) -> (tensor<2x3xf32>)
// CHECK-DAG: %[[QAT:.+]] = tensor.extract_slice %[[QA]][%[[B]], %[[H]], %[[L]], 0] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[QBT:.+]] = tensor.extract_slice %[[QB]][%[[B]], %[[H]], %[[L]], 0] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], %[[S]], 0] [1, 1, 16, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[LAT:.+]] = tensor.extract_slice %[[LA]][%[[B]], %[[H]], %[[L]]] [1, 1, 8] [1, 1, 1]
// CHECK-DAG: %[[LBT:.+]] = tensor.extract_slice %[[LB]][%[[B]], %[[H]], %[[L]]] [1, 1, 8] [1, 1, 1]
// Broadcast dimensions (static size 1) stay at offset 0 and size 1.
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[M]][%[[B]], 0, 0, %[[S]]] [1, 1, 1, 16] [1, 1, 1, 1] : tensor<2x1x1x32xi1> to tensor<1x1x1x16xi1>
// CHECK-DAG: %[[BT:.+]] = tensor.extract_slice %[[BI]][0, 0, %[[L]], %[[S]]] [1, 1, 8, 16] [1, 1, 1, 1] : tensor<1x1x16x32xf32> to tensor<1x1x8x16xf32>
// CHECK-DAG: %[[IT:.+]] = tensor.extract_slice %[[A3]][%[[B]], %[[H]]] [1, 1] [1, 1] : tensor<2x3xf32> to tensor<1x1xf32>
// CHECK-DAG: %[[QOT:.+]] = affine.apply #{{.+}}(%[[L]])[%[[QO]]]
// CHECK-DAG: %[[KOT:.+]] = affine.apply #{{.+}}(%[[S]])[%[[KO]]]
// CHECK: %[[C:.+]] = hopfield.association_change %[[QAT]], %[[QBT]], %[[KT]] lse(%[[LAT]], %[[LBT]]) mask(%[[MT]] : tensor<1x1x1x16xi1>) bias(%[[BT]] : tensor<1x1x8x16xf32>) offsets(%[[QOT]], %[[KOT]]) causal outs(%[[IT]]) :
// CHECK-SAME: tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x8xf32>, tensor<1x1x8xf32>, tensor<1x1xf32> -> tensor<1x1xf32>
// The tile's change goes back where it was read: the loops accumulate.
// CHECK: %[[U:.+]] = tensor.insert_slice %[[C]] into %[[A3]][%[[B]], %[[H]]] [1, 1] [1, 1] : tensor<1x1xf32> into tensor<2x3xf32>
// CHECK: scf.yield %[[U]] : tensor<2x3xf32>
// CHECK: return %[[R]] : tensor<2x3xf32>

// Only query rows tiled: one reduction loop, keys whole.
// ROWS-LABEL: func.func @masked_with_offsets
// ROWS: scf.for %[[L:[^ ]+]] = {{.+}} iter_args(%{{[^ ]+}} = %{{.+}}) -> (tensor<2x3xf32>)
// ROWS-NOT: scf.for
// ROWS: hopfield.association_change {{.+}} : tensor<2x3x8x8xf32>, tensor<2x3x8x8xf32>, tensor<2x3x32x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
func.func @masked_with_offsets(%qa: tensor<2x3x16x8xf32>, %qb: tensor<2x3x16x8xf32>,
                               %k: tensor<2x3x32x8xf32>, %la: tensor<2x3x16xf32>,
                               %lb: tensor<2x3x16xf32>, %m: tensor<2x1x1x32xi1>,
                               %b: tensor<1x1x16x32xf32>, %qo: index, %ko: index,
                               %init: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb)
      mask(%m : tensor<2x1x1x32xi1>) bias(%b : tensor<1x1x16x32xf32>)
      offsets(%qo, %ko) causal outs(%init)
      : tensor<2x3x16x8xf32>, tensor<2x3x16x8xf32>, tensor<2x3x32x8xf32>,
        tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// -----

// Without offsets on the op, the tile positions become the offsets.
// CHECK-LABEL: func.func @plain
// CHECK-COUNT-2: scf.for
// CHECK: scf.for %[[L:[^ ]+]] =
// CHECK: scf.for %[[S:[^ ]+]] =
// CHECK: hopfield.association_change {{.+}} offsets(%[[L]], %[[S]]) outs(

// ROWS-LABEL: func.func @plain
// ROWS: scf.for %[[L:[^ ]+]] =
// ROWS-DAG: %[[Z:.+]] = arith.constant 0 : index
// ROWS: hopfield.association_change {{.+}} offsets(%[[L]], %[[Z]]) outs(
func.func @plain(%qa: tensor<2x3x16x8xf32>, %qb: tensor<2x3x16x8xf32>,
                 %k: tensor<2x3x32x8xf32>, %la: tensor<2x3x16xf32>,
                 %lb: tensor<2x3x16xf32>, %init: tensor<2x3xf32>)
    -> tensor<2x3xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<2x3x16x8xf32>, tensor<2x3x16x8xf32>, tensor<2x3x32x8xf32>,
        tensor<2x3x16xf32>, tensor<2x3x16xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// -----

// Dynamic batch, queries and keys: the loop bounds are the operands' sizes
// and partial tiles are clamped with affine.min.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[QA:[^:]+]]: tensor<?x2x?x8xf32>, %{{[^:]+}}: tensor<?x2x?x8xf32>, %[[K:[^:]+]]: tensor<?x2x?x8xf32>
// CHECK-DAG: %[[BS:.+]] = tensor.dim %[[QA]], %{{.+}} : tensor<?x2x?x8xf32>
// CHECK-DAG: %[[LS:.+]] = tensor.dim %[[QA]], %{{.+}} : tensor<?x2x?x8xf32>
// CHECK-DAG: %[[SS:.+]] = tensor.dim %[[K]], %{{.+}} : tensor<?x2x?x8xf32>
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[BS]] step
// CHECK: scf.for
// CHECK: scf.for %[[L:[^ ]+]] = %{{.+}} to %[[LS]] step
// CHECK: scf.for %[[S:[^ ]+]] = %{{.+}} to %[[SS]] step
// CHECK-DAG: %[[LT:.+]] = affine.min #{{.+}}(%[[L]])[%[[LS]]]
// CHECK-DAG: %[[ST:.+]] = affine.min #{{.+}}(%[[S]])[%[[SS]]]
// CHECK-DAG: tensor.extract_slice %[[QA]][%{{.+}}, %{{.+}}, %[[L]], 0] [1, 1, %[[LT]], 8]
// CHECK-DAG: tensor.extract_slice %[[K]][%{{.+}}, %{{.+}}, %[[S]], 0] [1, 1, %[[ST]], 8]
// CHECK: hopfield.association_change {{.+}} offsets(%[[L]], %[[S]]) outs(%{{.+}}) : tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?xf32>, tensor<1x1x?xf32>, tensor<1x1xf32> -> tensor<1x1xf32>
func.func @dynamic(%qa: tensor<?x2x?x8xf32>, %qb: tensor<?x2x?x8xf32>,
                   %k: tensor<?x2x?x8xf32>, %la: tensor<?x2x?xf32>,
                   %lb: tensor<?x2x?xf32>, %init: tensor<?x2xf32>)
    -> tensor<?x2xf32> {
  %c = hopfield.association_change %qa, %qb, %k lse(%la, %lb) outs(%init)
      : tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32>, tensor<?x2x?x8xf32>,
        tensor<?x2x?xf32>, tensor<?x2x?xf32>, tensor<?x2xf32> -> tensor<?x2xf32>
  return %c : tensor<?x2xf32>
}
