// RUN: hopfield-opt %s -hopfield-tile="tile-sizes=2,0,0,0" | FileCheck %s

// Tiling a dynamic batch by 2: the loop runs to tensor.dim of the query, the
// last tile's size comes from affine.min, and every operand and running
// state slice (and its insert) uses that dynamic size. Queries and keys are
// untiled, so the tile needs no offsets.
// CHECK: #[[$MIN:.+]] = affine_map<(d0)[s0] -> (-d0 + s0, 2)>
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<?x2x16x8xf32>, %[[K:[^:]+]]: tensor<?x2x32x8xf32>, %[[V:[^:]+]]: tensor<?x2x32x4xf32>, %[[ACC0:[^:]+]]: tensor<?x2x16x4xf32>, %[[MAX0:[^:]+]]: tensor<?x2x16xf32>, %[[SUM0:[^:]+]]: tensor<?x2x16xf32>)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG: %[[B:.+]] = tensor.dim %[[Q]], %[[C0]] : tensor<?x2x16x8xf32>
// CHECK: %[[R:.+]]:3 = scf.for %[[IV:[^ ]+]] = %{{.+}} to %[[B]] step %[[C2]] iter_args(%[[ACC:[^ ]+]] = %[[ACC0]], %[[MAX:[^ ]+]] = %[[MAX0]], %[[SUM:[^ ]+]] = %[[SUM0]])
// CHECK: %[[TS:.+]] = affine.min #[[$MIN]](%[[IV]])[%[[B]]]
// CHECK-DAG: %[[QT:.+]] = tensor.extract_slice %[[Q]][%[[IV]], 0, 0, 0] [%[[TS]], 2, 16, 8] [1, 1, 1, 1] : tensor<?x2x16x8xf32> to tensor<?x2x16x8xf32>
// CHECK-DAG: %[[KT:.+]] = tensor.extract_slice %[[K]][%[[IV]], 0, 0, 0] [%[[TS]], 2, 32, 8]
// CHECK-DAG: %[[VT:.+]] = tensor.extract_slice %[[V]][%[[IV]], 0, 0, 0] [%[[TS]], 2, 32, 4]
// CHECK-DAG: %[[AT:.+]] = tensor.extract_slice %[[ACC]][%[[IV]], 0, 0, 0] [%[[TS]], 2, 16, 4]
// CHECK-DAG: %[[MT:.+]] = tensor.extract_slice %[[MAX]][%[[IV]], 0, 0] [%[[TS]], 2, 16]
// CHECK-DAG: %[[ST:.+]] = tensor.extract_slice %[[SUM]][%[[IV]], 0, 0] [%[[TS]], 2, 16]
// CHECK: %[[TA:.+]], %[[TM:.+]], %[[TSUM:.+]] = hopfield.online_associate %[[QT]], %[[KT]], %[[VT]] beta = 1.000000e+00 outs(%[[AT]], %[[MT]], %[[ST]]) : tensor<?x2x16x8xf32>, tensor<?x2x32x8xf32>, tensor<?x2x32x4xf32> -> tensor<?x2x16x4xf32>, tensor<?x2x16xf32>, tensor<?x2x16xf32>
// CHECK-DAG: tensor.insert_slice %[[TA]] into %[[ACC]][%[[IV]], 0, 0, 0] [%[[TS]], 2, 16, 4]
// CHECK-DAG: tensor.insert_slice %[[TM]] into %[[MAX]][%[[IV]], 0, 0] [%[[TS]], 2, 16]
// CHECK-DAG: tensor.insert_slice %[[TSUM]] into %[[SUM]][%[[IV]], 0, 0] [%[[TS]], 2, 16]
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @dynamic_batch(%q: tensor<?x2x16x8xf32>, %k: tensor<?x2x32x8xf32>,
                         %v: tensor<?x2x32x4xf32>, %acc: tensor<?x2x16x4xf32>,
                         %max: tensor<?x2x16xf32>, %sum: tensor<?x2x16xf32>)
    -> (tensor<?x2x16x4xf32>, tensor<?x2x16xf32>, tensor<?x2x16xf32>) {
  %r:3 = hopfield.online_associate %q, %k, %v beta = 1.0 outs(%acc, %max, %sum)
      : tensor<?x2x16x8xf32>, tensor<?x2x32x8xf32>, tensor<?x2x32x4xf32>
      -> tensor<?x2x16x4xf32>, tensor<?x2x16xf32>, tensor<?x2x16xf32>
  return %r#0, %r#1, %r#2
      : tensor<?x2x16x4xf32>, tensor<?x2x16xf32>, tensor<?x2x16xf32>
}
