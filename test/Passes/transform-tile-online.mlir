// RUN: hopfield-opt %s -transform-interpreter -split-input-file | FileCheck %s

// Tiling the key dimension of online_associate with the upstream
// transform.structured.tile_using_for gives the FlashAttention key loop:
// the running (acc, max, sum) are loop-carried, each tile sees its K/V slice
// and its absolute key position.

// CHECK-LABEL: func.func @key_loop
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<1x2x16x8xf32>, %[[K:[^:]+]]: tensor<1x2x100x8xf32>, %[[V:[^:]+]]: tensor<1x2x100x4xf32>, %[[ACC0:[^:]+]]: tensor<1x2x16x4xf32>, %[[MAX0:[^:]+]]: tensor<1x2x16xf32>, %[[SUM0:[^:]+]]: tensor<1x2x16xf32>)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C100:.+]] = arith.constant 100 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: %[[R:.+]]:3 = scf.for %[[S:.+]] = %[[C0]] to %[[C100]] step %[[C32]] iter_args(%[[ACC:.+]] = %[[ACC0]], %[[MAX:.+]] = %[[MAX0]], %[[SUM:.+]] = %[[SUM0]])
// CHECK: %[[TS:.+]] = affine.min #{{.+}}(%[[S]])
// CHECK: %[[KT:.+]] = tensor.extract_slice %[[K]][0, 0, %[[S]], 0] [1, 2, %[[TS]], 8]
// CHECK: %[[VT:.+]] = tensor.extract_slice %[[V]][0, 0, %[[S]], 0] [1, 2, %[[TS]], 4]
// CHECK: %[[AT:.+]] = tensor.extract_slice %[[ACC]][0, 0, 0, 0] [1, 2, 16, 4]
// CHECK: %[[MT:.+]] = tensor.extract_slice %[[MAX]][0, 0, 0] [1, 2, 16]
// CHECK: %[[ST:.+]] = tensor.extract_slice %[[SUM]][0, 0, 0] [1, 2, 16]
// CHECK: %{{.+}}, %{{.+}}, %{{.+}} = hopfield.online_associate %{{.+}}, %[[KT]], %[[VT]] offsets(%{{.+}}, %[[S]]) beta = 2.500000e-01 causal outs(%[[AT]], %[[MT]], %[[ST]])
// CHECK: scf.yield
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @key_loop(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x100x8xf32>,
                    %v: tensor<1x2x100x4xf32>, %acc: tensor<1x2x16x4xf32>,
                    %max: tensor<1x2x16xf32>, %sum: tensor<1x2x16xf32>)
    -> (tensor<1x2x16x4xf32>, tensor<1x2x16xf32>, tensor<1x2x16xf32>) {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 0.25 causal
      outs(%acc, %max, %sum)
      : tensor<1x2x16x8xf32>, tensor<1x2x100x8xf32>, tensor<1x2x100x4xf32>
      -> tensor<1x2x16x4xf32>, tensor<1x2x16xf32>, tensor<1x2x16xf32>
  return %r#0, %r#1, %r#2 : tensor<1x2x16x4xf32>, tensor<1x2x16xf32>, tensor<1x2x16xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.online_associate"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 0, 0, 32]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Query and key tiles together: the tile's causal positions are the loop
// indices added to the incoming offsets; broadcast mask dimensions stay [0,1).
// CHECK-LABEL: func.func @query_and_key_tiles
// CHECK-SAME: %[[M:[^:]+]]: tensor<1x1x1x64xi1>
// CHECK-SAME: %[[QO:[^:]+]]: index, %[[KO:[^:]+]]: index
// CHECK: scf.for %[[L:[^ ]+]] =
// CHECK: scf.for %[[S:[^ ]+]] =
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[M]][0, 0, 0, %[[S]]] [1, 1, 1, 16]
// CHECK-DAG: %[[QT:.+]] = affine.apply #{{.+}}(%[[L]])[%[[QO]]]
// CHECK-DAG: %[[KT:.+]] = affine.apply #{{.+}}(%[[S]])[%[[KO]]]
// CHECK: hopfield.online_associate {{.+}} mask(%[[MT]] : tensor<1x1x1x16xi1>) offsets(%[[QT]], %[[KT]])
func.func @query_and_key_tiles(%q: tensor<1x1x32x8xf32>, %k: tensor<1x1x64x8xf32>,
                               %v: tensor<1x1x64x8xf32>, %m: tensor<1x1x1x64xi1>,
                               %qo: index, %ko: index, %acc: tensor<1x1x32x8xf32>,
                               %max: tensor<1x1x32xf32>, %sum: tensor<1x1x32xf32>)
    -> tensor<1x1x32x8xf32> {
  %r:3 = hopfield.online_associate %q, %k, %v mask(%m : tensor<1x1x1x64xi1>)
      offsets(%qo, %ko) beta = 1.0 causal outs(%acc, %max, %sum)
      : tensor<1x1x32x8xf32>, tensor<1x1x64x8xf32>, tensor<1x1x64x8xf32>
      -> tensor<1x1x32x8xf32>, tensor<1x1x32xf32>, tensor<1x1x32xf32>
  return %r#0 : tensor<1x1x32x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["hopfield.online_associate"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:2 = transform.structured.tile_using_for %op tile_sizes [0, 0, 8, 16]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
