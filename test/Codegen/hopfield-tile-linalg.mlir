// RUN: hopfield-opt %s -split-input-file -hopfield-tile-linalg="rows=64 cols=128 reduction=128" -canonicalize -cse | FileCheck %s

// A projection x W + b with a run-time row count: one scf.forall over
// 64 x 128 output tiles, the broadcast bias fused into each tile. The last
// row tile is ragged: its rows are padded to 64 and the bias is broadcast
// at the full tile size, so the tile's matmul is static; the real rows are
// sliced back out. A reduction (256) longer than `reduction` (128) becomes
// an scf.for of 128-wide steps inside the tile.
// CHECK-DAG: #[[$MIN:.+]] = affine_map<(d0)[s0] -> (-d0 + s0, 64)>
// CHECK-DAG: #[[$PAD:.+]] = affine_map<(d0) -> (-d0 + 64)>
// CHECK-LABEL: func.func @projection
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x256xf32>, %[[W:[^:]+]]: tensor<256x768xf32>, %[[B:[^:]+]]: tensor<768xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]]
// CHECK: %[[OUT:.+]] = tensor.empty(%[[N]]) : tensor<?x768xf32>
// CHECK-NOT: linalg.broadcast
// CHECK: %[[R:.+]] = scf.forall (%[[I:.+]], %[[J:.+]]) = (0, 0) to (%[[N]], 768) step (64, 128) shared_outs(%[[S:.+]] = %[[OUT]]) -> (tensor<?x768xf32>) {
// CHECK: %[[ROWS:.+]] = affine.min #[[$MIN]](%[[I]])[%[[N]]]
// CHECK: %[[XT:.+]] = tensor.extract_slice %[[X]][%[[I]], 0] [%[[ROWS]], 256] [1, 1] : tensor<?x256xf32> to tensor<?x256xf32>
// CHECK: %[[WT:.+]] = tensor.extract_slice %[[W]][0, %[[J]]] [256, 128] [1, 1] : tensor<256x768xf32> to tensor<256x128xf32>
// CHECK: %[[BT:.+]] = tensor.extract_slice %[[B]][%[[J]]] [128] [1] : tensor<768xf32> to tensor<128xf32>
// CHECK: %[[HIGH:.+]] = affine.apply #[[$PAD]](%[[ROWS]])
// CHECK: %[[XP:.+]] = tensor.pad %[[XT]] low[0, 0] high[%[[HIGH]], 0]
// CHECK: } : tensor<?x256xf32> to tensor<64x256xf32>
// CHECK: %[[ACC0:.+]] = tensor.empty() : tensor<64x128xf32>
// CHECK: %[[ACC:.+]] = linalg.broadcast ins(%[[BT]] : tensor<128xf32>) outs(%[[ACC0]] : tensor<64x128xf32>) dimensions = [0]
// CHECK: %[[K:.+]] = scf.for %[[KK:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A:.+]] = %[[ACC]]) -> (tensor<64x128xf32>) {
// CHECK: %[[XK:.+]] = tensor.extract_slice %[[XP]][0, %[[KK]]] [64, 128] [1, 1]
// CHECK: %[[WK:.+]] = tensor.extract_slice %[[WT]][%[[KK]], 0] [128, 128] [1, 1]
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[XK]], %[[WK]] : tensor<64x128xf32>, tensor<128x128xf32>) outs(%[[A]] : tensor<64x128xf32>) -> tensor<64x128xf32>
// CHECK: scf.yield %[[MM]]
// CHECK: %[[REAL:.+]] = tensor.extract_slice %[[K]][0, 0] [%[[ROWS]], 128] [1, 1] : tensor<64x128xf32> to tensor<?x128xf32>
// CHECK: scf.forall.in_parallel {
// CHECK: tensor.parallel_insert_slice %[[REAL]] into %[[S]][%[[I]], %[[J]]] [%[[ROWS]], 128] [1, 1]
// CHECK: return %[[R]]
func.func @projection(%x: tensor<?x256xf32>, %w: tensor<256x768xf32>,
                      %b: tensor<768xf32>) -> tensor<?x768xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x256xf32>
  %e = tensor.empty(%n) : tensor<?x768xf32>
  %acc = linalg.broadcast ins(%b : tensor<768xf32>) outs(%e : tensor<?x768xf32>)
      dimensions = [0]
  %y = linalg.matmul ins(%x, %w : tensor<?x256xf32>, tensor<256x768xf32>)
      outs(%acc : tensor<?x768xf32>) -> tensor<?x768xf32>
  return %y : tensor<?x768xf32>
}

// -----

// Static sizes the tiles divide: no padding; the zero fill is fused.
// CHECK-LABEL: func.func @static_projection
// CHECK: scf.forall (%[[I:.+]], %[[J:.+]]) = (0, 0) to (128, 256) step (64, 128)
// CHECK-NOT: tensor.pad
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<64x128xf32>)
// CHECK: scf.for {{.+}} iter_args(%{{.+}} = %[[ACC]])
// CHECK: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<64x128xf32>, tensor<128x128xf32>) outs(%{{.+}} : tensor<64x128xf32>)
func.func @static_projection(%x: tensor<128x512xf32>, %w: tensor<512x256xf32>)
    -> tensor<128x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x256xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<128x256xf32>)
      -> tensor<128x256xf32>
  %y = linalg.matmul ins(%x, %w : tensor<128x512xf32>, tensor<512x256xf32>)
      outs(%acc : tensor<128x256xf32>) -> tensor<128x256xf32>
  return %y : tensor<128x256xf32>
}

// -----

// Element-wise [B,H,L,D] (a head split, a scaled query): 64-row tiles over
// (b, h, l), the innermost dimension whole; here L = 64 is one tile, so the
// forall runs over (b, h).
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.forall (%[[B:.+]], %[[H:.+]]) in (4, 16)
// CHECK: linalg.generic {{.+}} ins(%{{.+}} : tensor<1x1x64x128xf32>) outs(%{{.+}} : tensor<1x1x64x128xf32>)
func.func @elementwise(%x: tensor<4x16x64x128xf32>) -> tensor<4x16x64x128xf32> {
  %e = tensor.empty() : tensor<4x16x64x128xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                       affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<4x16x64x128xf32>) outs(%e : tensor<4x16x64x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<4x16x64x128xf32>
  return %y : tensor<4x16x64x128xf32>
}

// -----

// A long innermost dimension (a row of an association matrix over 4096
// keys) is tiled by `cols` (128) as well; the 64 rows are one tile.
// CHECK-LABEL: func.func @long_rows
// CHECK: scf.forall (%{{.+}}, %{{.+}}) = (0, 0) to (2, 4096) step (1, 128)
// CHECK: linalg.generic {{.+}} ins(%{{.+}} : tensor<1x64x128xf32>) outs(%{{.+}} : tensor<1x64x128xf32>)
func.func @long_rows(%x: tensor<2x64x4096xf32>) -> tensor<2x64x4096xf32> {
  %e = tensor.empty() : tensor<2x64x4096xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<2x64x4096xf32>) outs(%e : tensor<2x64x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = math.exp %in : f32
    linalg.yield %m : f32
  } -> tensor<2x64x4096xf32>
  return %y : tensor<2x64x4096xf32>
}

// -----

// A row reduction (a layer norm's mean) over run-time rows: 64-row tiles,
// the fill of its accumulator fused, input and accumulator padded.
// CHECK-LABEL: func.func @row_reduction
// CHECK: scf.forall (%[[I:.+]]) = (0) to (%{{.+}}) step (64)
// CHECK: tensor.pad
// CHECK: } : tensor<?x256xf32> to tensor<64x256xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<64xf32>)
// CHECK: linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]} ins(%{{.+}} : tensor<64x256xf32>) outs(%[[ACC]] : tensor<64xf32>)
func.func @row_reduction(%x: tensor<?x256xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x256xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%n) : tensor<?xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<?xf32>) -> tensor<?xf32>
  %y = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                       affine_map<(d0, d1) -> (d0)>],
      iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x256xf32>) outs(%acc : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// Left alone: too little work (below min-work), and ops inside a loop (an
// association tile or an update step is already one unit of work).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: scf.forall
// CHECK: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<8x16xf32>, tensor<16x8xf32>)
// CHECK: scf.for
// CHECK: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<256x256xf32>, tensor<256x256xf32>)
// CHECK-NOT: scf.forall
func.func @left_alone(%x: tensor<8x16xf32>, %w: tensor<16x8xf32>,
                      %acc: tensor<8x8xf32>, %a: tensor<256x256xf32>)
    -> (tensor<8x8xf32>, tensor<256x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x8xf32>)
      outs(%acc : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%it = %a) -> tensor<256x256xf32> {
    %p = linalg.matmul ins(%it, %a : tensor<256x256xf32>, tensor<256x256xf32>)
        outs(%a : tensor<256x256xf32>) -> tensor<256x256xf32>
    scf.yield %p : tensor<256x256xf32>
  }
  return %y, %r : tensor<8x8xf32>, tensor<256x256xf32>
}
