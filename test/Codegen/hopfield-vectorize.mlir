// RUN: hopfield-opt %s -hopfield-vectorize -split-input-file | FileCheck %s
// RUN: hopfield-opt %s -hopfield-vectorize="rows=4 cols=16" -split-input-file | FileCheck %s --check-prefix=SMALL

// A score contraction becomes 8 x 32 register tiles: an outer-product loop
// over the reduction whose accumulator is read once before it and written
// once after it (hoisted), a vector.contract of 8x1 by 1x32 per step.
// The fill is vectorized row by row.
// CHECK-LABEL: func.func @contraction
// CHECK-SAME: (%[[Q:[^:]+]]: tensor<16x64xf32>, %[[KT:[^:]+]]: tensor<64x64xf32>)
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: scf.for {{.+}} -> (tensor<16x64xf32>) {
// CHECK: vector.transfer_write %{{.+}} : vector<1x64xf32>, tensor<1x64xf32>
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %[[C8]]
// CHECK: scf.for %[[J:.+]] = %{{.+}} to %{{.+}} step %[[C32]]
// CHECK: %[[ACC0:.+]] = vector.transfer_read {{.+}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[D:.+]] = {{.+}} iter_args({{.+}}, %[[ACC:.+]] = %[[ACC0]])
// CHECK: tensor.extract_slice %[[Q]][%[[I]], %[[D]]] [8, 1]
// CHECK: tensor.extract_slice %[[KT]][%[[D]], %[[J]]] [1, 32]
// CHECK: vector.contract {{.+}}iterator_types = ["parallel", "parallel", "reduction"]{{.+}} %{{.+}}, %{{.+}}, %[[ACC]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[LOOP]]#2, {{.+}} : vector<8x32xf32>, tensor<8x32xf32>

// SMALL-LABEL: func.func @contraction
// SMALL: vector.contract {{.+}} : vector<4x1xf32>, vector<1x16xf32> into vector<4x16xf32>
func.func @contraction(%q: tensor<16x64xf32>, %kt: tensor<64x64xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %s = linalg.matmul ins(%q, %kt : tensor<16x64xf32>, tensor<64x64xf32>) outs(%init : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %s : tensor<16x64xf32>
}

// -----

// Row reductions (the online max) go row by row: one vector per row.
// CHECK-LABEL: func.func @row_max
// CHECK: scf.for
// CHECK: vector.multi_reduction <maximumf>, %{{.+}}, %{{.+}} [1] : vector<1x128xf32> to vector<1xf32>
func.func @row_max(%s: tensor<64x128xf32>, %m: tensor<64xf32>) -> tensor<64xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%s : tensor<64x128xf32>) outs(%m : tensor<64xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %y = arith.maximumf %x, %acc : f32
    linalg.yield %y : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// -----

// A reduction over every dimension (the change of the association) is also
// split into rows, so that no vector spans the whole tile.
// CHECK-LABEL: func.func @full_reduction
// CHECK: scf.for
// CHECK-NOT: vector<64x128xf32>
// CHECK: vector.contract {{.+}} : vector<1x128xf32>, vector<1x128xf32> into f32
func.func @full_reduction(%a: tensor<64x128xf32>, %init: tensor<f32>) -> tensor<f32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>],
                       iterator_types = ["reduction", "reduction"]}
      ins(%a : tensor<64x128xf32>) outs(%init : tensor<f32>) {
  ^bb0(%x: f32, %acc: f32):
    %sq = arith.mulf %x, %x : f32
    %y = arith.addf %sq, %acc : f32
    linalg.yield %y : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// Transposes (of the key tile) go in 16 x 16 blocks.
// CHECK-LABEL: func.func @transpose
// CHECK: vector.transpose %{{.+}}, [1, 0] : vector<16x16xf32> to vector<16x16xf32>
func.func @transpose(%k: tensor<64x32xf32>) -> tensor<32x64xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %t = linalg.transpose ins(%k : tensor<64x32xf32>) outs(%e : tensor<32x64xf32>) permutation = [1, 0]
  return %t : tensor<32x64xf32>
}

// -----

// Not vectorized: dynamic shapes (ragged tiles become scalar loops) and i1
// tensors (LLVM packs i1 vectors into bits, the ABI uses bytes).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%d: tensor<?x8xf32>, %m: tensor<4x8xi1>) -> (tensor<?x8xf32>, tensor<4x8xf32>) {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%d : tensor<?x8xf32>) outs(%d : tensor<?x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<?x8xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<4x8xi1>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: i1, %o: f32):
    %one = arith.constant 1.0 : f32
    %zero = arith.constant 0.0 : f32
    %y = arith.select %x, %one, %zero : f32
    linalg.yield %y : f32
  } -> tensor<4x8xf32>
  return %r, %b : tensor<?x8xf32>, tensor<4x8xf32>
}
