// RUN: hopfield-opt %s -hopfield-merge-projections -split-input-file | FileCheck %s

// The packed Q/K/V projection of self-association: three linalg.matmul ops
// on the same input with constant weights [K, N_i] become one matmul over
// the weights concatenated along the columns, whose accumulator is the
// broadcast of the concatenated biases (zeros where a projection has none);
// each projection is a column slice of it. A projection of another input
// and one with a run-time weight are left alone; an accumulator that is also
// used elsewhere does not prevent merging.
// CHECK-LABEL: func.func @packed_qkv
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[Y:[^:]+]]: tensor<?x3xf32>, %[[W:[^:]+]]: tensor<3x2xf32>)
// CHECK: %[[WCAT:.+]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 7.000000e+00, 8.000000e+00, 1.300000e+01], [3.000000e+00, 4.000000e+00, 9.000000e+00, 1.000000e+01, 1.400000e+01], [5.000000e+00, 6.000000e+00, 1.100000e+01, 1.200000e+01, 1.500000e+01]]> : tensor<3x5xf32>
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3xf32>
// CHECK: %[[EMPTY:.+]] = tensor.empty(%[[N]]) : tensor<?x5xf32>
// CHECK: %[[BCAT:.+]] = arith.constant dense<[1.000000e-01, 2.000000e-01, 3.000000e-01, 4.000000e-01, 0.000000e+00]> : tensor<5xf32>
// CHECK: %[[ACC:.+]] = linalg.broadcast ins(%[[BCAT]] : tensor<5xf32>) outs(%[[EMPTY]] : tensor<?x5xf32>) dimensions = [0]
// CHECK: %[[QKV:.+]] = linalg.matmul ins(%[[X]], %[[WCAT]] : tensor<?x3xf32>, tensor<3x5xf32>) outs(%[[ACC]] : tensor<?x5xf32>) -> tensor<?x5xf32>
// CHECK: %[[Q:.+]] = tensor.extract_slice %[[QKV]][0, 0] [%[[N]], 2] [1, 1] : tensor<?x5xf32> to tensor<?x2xf32>
// CHECK: %[[K:.+]] = tensor.extract_slice %[[QKV]][0, 2] [%[[N]], 2] [1, 1] : tensor<?x5xf32> to tensor<?x2xf32>
// CHECK: %[[V:.+]] = tensor.extract_slice %[[QKV]][0, 4] [%[[N]], 1] [1, 1] : tensor<?x5xf32> to tensor<?x1xf32>
// CHECK: %[[OTHER:.+]] = linalg.matmul ins(%[[Y]], %{{.+}} : tensor<?x3xf32>, tensor<3x2xf32>)
// CHECK: %[[RUNTIME:.+]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<?x3xf32>, tensor<3x2xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: return %[[Q]], %[[K]], %[[V]], %[[OTHER]], %[[RUNTIME]]
func.func @packed_qkv(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>, %w: tensor<3x2xf32>)
    -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x1xf32>, tensor<?x2xf32>, tensor<?x2xf32>) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x3xf32>
  %wq = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %bq = arith.constant dense<[0.1, 0.2]> : tensor<2xf32>
  %eq = tensor.empty(%n) : tensor<?x2xf32>
  %aq = linalg.broadcast ins(%bq : tensor<2xf32>) outs(%eq : tensor<?x2xf32>) dimensions = [0]
  %q = linalg.matmul ins(%x, %wq : tensor<?x3xf32>, tensor<3x2xf32>) outs(%aq : tensor<?x2xf32>) -> tensor<?x2xf32>
  %wk = arith.constant dense<[[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]> : tensor<3x2xf32>
  %bk = arith.constant dense<[0.3, 0.4]> : tensor<2xf32>
  %ek = tensor.empty(%n) : tensor<?x2xf32>
  %ak = linalg.broadcast ins(%bk : tensor<2xf32>) outs(%ek : tensor<?x2xf32>) dimensions = [0]
  %k = linalg.matmul ins(%x, %wk : tensor<?x3xf32>, tensor<3x2xf32>) outs(%ak : tensor<?x2xf32>) -> tensor<?x2xf32>
  %wv = arith.constant dense<[[13.0], [14.0], [15.0]]> : tensor<3x1xf32>
  %ev = tensor.empty(%n) : tensor<?x1xf32>
  %av = linalg.fill ins(%zero : f32) outs(%ev : tensor<?x1xf32>) -> tensor<?x1xf32>
  %v = linalg.matmul ins(%x, %wv : tensor<?x3xf32>, tensor<3x1xf32>) outs(%av : tensor<?x1xf32>) -> tensor<?x1xf32>
  %m = tensor.dim %y, %c0 : tensor<?x3xf32>
  %eo = tensor.empty(%m) : tensor<?x2xf32>
  %ao = linalg.broadcast ins(%bq : tensor<2xf32>) outs(%eo : tensor<?x2xf32>) dimensions = [0]
  %other = linalg.matmul ins(%y, %wq : tensor<?x3xf32>, tensor<3x2xf32>) outs(%ao : tensor<?x2xf32>) -> tensor<?x2xf32>
  %er = tensor.empty(%n) : tensor<?x2xf32>
  %ar = linalg.fill ins(%zero : f32) outs(%er : tensor<?x2xf32>) -> tensor<?x2xf32>
  %runtime = linalg.matmul ins(%x, %w : tensor<?x3xf32>, tensor<3x2xf32>) outs(%ar : tensor<?x2xf32>) -> tensor<?x2xf32>
  return %q, %k, %v, %other, %runtime
      : tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x1xf32>, tensor<?x2xf32>, tensor<?x2xf32>
}

// -----

// K/V of cross-association without biases: the accumulator stays a zero
// fill. f64 weights keep their type.
// CHECK-LABEL: func.func @cross_kv
// CHECK-SAME: (%[[M:[^:]+]]: tensor<4x2xf64>)
// CHECK: %[[WCAT:.+]] = arith.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf64>
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<4x2xf64>
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[EMPTY]] : tensor<4x2xf64>)
// CHECK: %[[KV:.+]] = linalg.matmul ins(%[[M]], %[[WCAT]] : tensor<4x2xf64>, tensor<2x2xf64>) outs(%[[ACC]] : tensor<4x2xf64>)
// CHECK: %[[K:.+]] = tensor.extract_slice %[[KV]][0, 0] [4, 1] [1, 1]
// CHECK: %[[V:.+]] = tensor.extract_slice %[[KV]][0, 1] [4, 1] [1, 1]
// CHECK-NEXT: return %[[K]], %[[V]]
func.func @cross_kv(%mem: tensor<4x2xf64>) -> (tensor<4x1xf64>, tensor<4x1xf64>) {
  %zero = arith.constant 0.0 : f64
  %wk = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf64>
  %wv = arith.constant dense<[[3.0], [4.0]]> : tensor<2x1xf64>
  %ek = tensor.empty() : tensor<4x1xf64>
  %ak = linalg.fill ins(%zero : f64) outs(%ek : tensor<4x1xf64>) -> tensor<4x1xf64>
  %k = linalg.matmul ins(%mem, %wk : tensor<4x2xf64>, tensor<2x1xf64>) outs(%ak : tensor<4x1xf64>) -> tensor<4x1xf64>
  %ev = tensor.empty() : tensor<4x1xf64>
  %av = linalg.fill ins(%zero : f64) outs(%ev : tensor<4x1xf64>) -> tensor<4x1xf64>
  %v = linalg.matmul ins(%mem, %wv : tensor<4x2xf64>, tensor<2x1xf64>) outs(%av : tensor<4x1xf64>) -> tensor<4x1xf64>
  return %k, %v : tensor<4x1xf64>, tensor<4x1xf64>
}

// -----

// An accumulator with another use is only read by the projection: the
// projections still merge, and the other use keeps its value.
// CHECK-LABEL: func.func @used_accumulator
// CHECK: %[[MM:.+]] = linalg.matmul
// CHECK-NOT: linalg.matmul
// CHECK-DAG: %[[P1:.+]] = tensor.extract_slice %[[MM]][0, 0] [4, 1]
// CHECK-DAG: %[[P2:.+]] = tensor.extract_slice %[[MM]][0, 1] [4, 1]
// CHECK-DAG: %[[A2:.+]] = linalg.fill
// CHECK: return %[[P1]], %[[P2]], %[[A2]]
func.func @used_accumulator(%x: tensor<4x2xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>, tensor<4x1xf32>) {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %w2 = arith.constant dense<[[3.0], [4.0]]> : tensor<2x1xf32>
  %e1 = tensor.empty() : tensor<4x1xf32>
  %a1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %p1 = linalg.matmul ins(%x, %w1 : tensor<4x2xf32>, tensor<2x1xf32>) outs(%a1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %e2 = tensor.empty() : tensor<4x1xf32>
  %a2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %p2 = linalg.matmul ins(%x, %w2 : tensor<4x2xf32>, tensor<2x1xf32>) outs(%a2 : tensor<4x1xf32>) -> tensor<4x1xf32>
  return %p1, %p2, %a2 : tensor<4x1xf32>, tensor<4x1xf32>, tensor<4x1xf32>
}
