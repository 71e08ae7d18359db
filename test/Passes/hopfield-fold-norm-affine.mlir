// RUN: hopfield-opt %s --hopfield-fold-norm-affine --split-input-file | FileCheck %s
// RUN: hopfield-opt %s --hopfield-fold-norm-affine --cse --hopfield-merge-projections --split-input-file | FileCheck %s --check-prefix=MERGED

#x = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#feature = affine_map<(d0, d1) -> (d1)>

// gamma = [2, 3], beta = [1, -1]: W^T' = diag(gamma) W^T = [[2, 4, 6],
// [12, 15, 18]], b' = b + beta W^T = 0.5 + [1, 2, 3] - [4, 5, 6] = -2.5.
// CHECK-LABEL: func.func @norm_then_projection(
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x2xf32>, %[[MEAN:[^:]+]]: tensor<4xf32>, %[[RSTD:[^:]+]]: tensor<4xf32>)
// CHECK-DAG: %[[W:.+]] = arith.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00, 6.000000e+00], [1.200000e+01, 1.500000e+01, 1.800000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[B:.+]] = arith.constant dense<-2.500000e+00> : tensor<3xf32>
// CHECK: %[[STD:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[MEAN]], %[[RSTD]] : tensor<4x2xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[C:.+]] = arith.subf
// CHECK: %[[S:.+]] = arith.mulf %[[C]]
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK: %[[ACC:.+]] = linalg.broadcast ins(%[[B]] : tensor<3xf32>)
// CHECK: %[[Y:.+]] = linalg.matmul ins(%[[STD]], %[[W]] : tensor<4x2xf32>, tensor<2x3xf32>) outs(%[[ACC]] : tensor<4x3xf32>)
// CHECK: return %[[Y]]
func.func @norm_then_projection(%x: tensor<4x2xf32>, %mean: tensor<4xf32>,
                                %rstd: tensor<4xf32>) -> tensor<4x3xf32> {
  %gamma = arith.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %beta = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %ln = linalg.generic {indexing_maps = [#x, #row, #row, #feature, #feature, #x],
                        iterator_types = ["parallel", "parallel"]}
      ins(%x, %mean, %rstd, %gamma, %beta : tensor<4x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2xf32>)
      outs(%e : tensor<4x2xf32>) {
  ^bb0(%a: f32, %m: f32, %r: f32, %g: f32, %b: f32, %o: f32):
    %c = arith.subf %a, %m : f32
    %n = arith.mulf %c, %r : f32
    %s = arith.mulf %n, %g : f32
    %t = arith.addf %s, %b : f32
    linalg.yield %t : f32
  } -> tensor<4x2xf32>
  %wt = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %bias = arith.constant dense<0.5> : tensor<3xf32>
  %acc0 = tensor.empty() : tensor<4x3xf32>
  %acc = linalg.broadcast ins(%bias : tensor<3xf32>) outs(%acc0 : tensor<4x3xf32>) dimensions = [0]
  %y = linalg.matmul ins(%ln, %wt : tensor<4x2xf32>, tensor<2x3xf32>) outs(%acc : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

#x = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row = affine_map<(d0, d1, d2) -> (d0, d1)>
#feature = affine_map<(d0, d1, d2) -> (d2)>

// Two LayerNorms of one input (different gamma, no beta, projections
// without bias through collapse_shape): after folding, both projections read
// one standardisation, and hopfield-merge-projections makes them one GEMM.
// CHECK-LABEL: func.func @two_norms_one_input(
// CHECK-COUNT-2: linalg.matmul
// MERGED-LABEL: func.func @two_norms_one_input(
// MERGED: %[[STD:.+]] = linalg.generic
// MERGED: %[[S2:.+]] = tensor.collapse_shape %[[STD]]
// MERGED: %[[MM:.+]] = linalg.matmul ins(%[[S2]], %{{.+}} : tensor<6x2xf32>, tensor<2x2xf32>)
// MERGED-NOT: linalg.matmul
// MERGED: tensor.extract_slice %[[MM]][0, 0] [6, 1]
// MERGED: tensor.extract_slice %[[MM]][0, 1] [6, 1]
func.func @two_norms_one_input(%x: tensor<2x3x2xf32>, %mean: tensor<2x3xf32>,
                               %rstd: tensor<2x3xf32>)
    -> (tensor<6x1xf32>, tensor<6x1xf32>) {
  %g1 = arith.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %g2 = arith.constant dense<[5.0, 7.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<2x3x2xf32>
  %ln1 = linalg.generic {indexing_maps = [#x, #row, #row, #feature, #x],
                         iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %mean, %rstd, %g1 : tensor<2x3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>)
      outs(%e : tensor<2x3x2xf32>) {
  ^bb0(%a: f32, %m: f32, %r: f32, %g: f32, %o: f32):
    %c = arith.subf %a, %m : f32
    %n = arith.mulf %c, %r : f32
    %s = arith.mulf %n, %g : f32
    linalg.yield %s : f32
  } -> tensor<2x3x2xf32>
  %ln2 = linalg.generic {indexing_maps = [#x, #row, #row, #feature, #x],
                         iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %mean, %rstd, %g2 : tensor<2x3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>)
      outs(%e : tensor<2x3x2xf32>) {
  ^bb0(%a: f32, %m: f32, %r: f32, %g: f32, %o: f32):
    %c = arith.subf %a, %m : f32
    %n = arith.mulf %c, %r : f32
    %s = arith.mulf %n, %g : f32
    linalg.yield %s : f32
  } -> tensor<2x3x2xf32>
  %w1 = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %w2 = arith.constant dense<[[3.0], [4.0]]> : tensor<2x1xf32>
  %zero = arith.constant 0.0 : f32
  %a0 = tensor.empty() : tensor<6x1xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%a0 : tensor<6x1xf32>) -> tensor<6x1xf32>
  %c1 = tensor.collapse_shape %ln1 [[0, 1], [2]] : tensor<2x3x2xf32> into tensor<6x2xf32>
  %y1 = linalg.matmul ins(%c1, %w1 : tensor<6x2xf32>, tensor<2x1xf32>) outs(%acc : tensor<6x1xf32>) -> tensor<6x1xf32>
  %c2 = tensor.collapse_shape %ln2 [[0, 1], [2]] : tensor<2x3x2xf32> into tensor<6x2xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%a0 : tensor<6x1xf32>) -> tensor<6x1xf32>
  %y2 = linalg.matmul ins(%c2, %w2 : tensor<6x2xf32>, tensor<2x1xf32>) outs(%acc2 : tensor<6x1xf32>) -> tensor<6x1xf32>
  return %y1, %y2 : tensor<6x1xf32>, tensor<6x1xf32>
}

// -----

#x = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#feature = affine_map<(d0, d1) -> (d1)>

// gamma is not a constant: nothing to fold.
// CHECK-LABEL: func.func @runtime_gamma(
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x2xf32>, tensor<2x3xf32>)
func.func @runtime_gamma(%x: tensor<4x2xf32>, %mean: tensor<4xf32>,
                         %rstd: tensor<4xf32>, %gamma: tensor<2xf32>) -> tensor<4x3xf32> {
  %e = tensor.empty() : tensor<4x2xf32>
  %ln = linalg.generic {indexing_maps = [#x, #row, #row, #feature, #x],
                        iterator_types = ["parallel", "parallel"]}
      ins(%x, %mean, %rstd, %gamma : tensor<4x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>)
      outs(%e : tensor<4x2xf32>) {
  ^bb0(%a: f32, %m: f32, %r: f32, %g: f32, %o: f32):
    %c = arith.subf %a, %m : f32
    %n = arith.mulf %c, %r : f32
    %s = arith.mulf %n, %g : f32
    linalg.yield %s : f32
  } -> tensor<4x2xf32>
  %wt = arith.constant dense<1.0> : tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %a0 = tensor.empty() : tensor<4x3xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%a0 : tensor<4x3xf32>) -> tensor<4x3xf32>
  %y = linalg.matmul ins(%ln, %wt : tensor<4x2xf32>, tensor<2x3xf32>) outs(%acc : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
