// RUN: hopfield-opt %s -hopfield-destination-abi -split-input-file -verify-diagnostics | FileCheck %s

// hopfield-destination-abi: the model entry point (arguments carrying
// hopfield.name) goes from tensors in / tensors out to memrefs in / memrefs
// out. Inputs are read through bufferization.to_tensor restrict, each result
// is written into a new trailing output argument with
// materialize_in_destination restrict writable, and the hopfield.*
// interface attributes are dropped (hopfield-compile has copied them into the
// artifact manifest). Other functions are left alone.

// CHECK-LABEL: module attributes
// CHECK: func.func @forward(
// CHECK-SAME: %[[Y:[^:]+]]: memref<?x32x16xf64>,
// CHECK-SAME: %[[R:[^:]+]]: memref<?x4x16xf64>,
// CHECK-SAME: %[[OUT:[^:]+]]: memref<?x1x4x16xf64>,
// CHECK-SAME: %[[STEPS:[^:]+]]: memref<1xi64>)
// CHECK-SAME: attributes {llvm.emit_c_interface} {
// CHECK-NEXT: %[[YT:.+]] = bufferization.to_tensor %[[Y]] restrict : memref<?x32x16xf64> to tensor<?x32x16xf64>
// CHECK-NEXT: %[[RT:.+]] = bufferization.to_tensor %[[R]] restrict : memref<?x4x16xf64> to tensor<?x4x16xf64>
// CHECK: tensor.dim %[[YT]]
// CHECK: %[[K:.+]] = tensor.expand_shape %[[YT]]
// CHECK: %[[Q:.+]] = tensor.expand_shape %[[RT]]
// CHECK: %[[O:[^,]+]], %[[S:[^ ]+]] = hopfield.associate %[[Q]], %[[K]], %[[K]]
// CHECK-NEXT: bufferization.materialize_in_destination %[[O]] in restrict writable %[[OUT]] : (tensor<?x1x4x16xf64>, memref<?x1x4x16xf64>) -> ()
// CHECK-NEXT: bufferization.materialize_in_destination %[[S]] in restrict writable %[[STEPS]] : (tensor<1xi64>, memref<1xi64>) -> ()
// CHECK-NEXT: return{{$}}
// A helper without hopfield.name keeps its tensor signature.
// CHECK: func.func @helper(%{{[^:]+}}: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NOT: bufferization
// CHECK: return %{{.+}} : tensor<4xf32>
module attributes {hopfield.model = "toy"} {
  func.func @forward(%y: tensor<?x32x16xf64> {hopfield.name = "y", hopfield.shape = ["y.0", 32, 16]},
                     %r: tensor<?x4x16xf64> {hopfield.name = "r", hopfield.shape = ["y.0", 4, 16]})
      -> (tensor<?x1x4x16xf64> {hopfield.name = "out", hopfield.shape = ["y.0", 1, 4, 16]},
          tensor<1xi64> {hopfield.name = "h:steps", hopfield.shape = [1], hopfield.kind = "steps", hopfield.node = "h"}) {
    %c0 = arith.constant 0 : index
    %b = tensor.dim %y, %c0 : tensor<?x32x16xf64>
    %k = tensor.expand_shape %y [[0], [1, 2], [3]] output_shape [%b, 1, 32, 16] : tensor<?x32x16xf64> into tensor<?x1x32x16xf64>
    %q = tensor.expand_shape %r [[0], [1, 2], [3]] output_shape [%b, 1, 4, 16] : tensor<?x4x16xf64> into tensor<?x1x4x16xf64>
    %o, %s = hopfield.associate %q, %k, %k beta = 0.25 max_steps = [10] {eps = array<f64: 0.03>}
      : tensor<?x1x4x16xf64>, tensor<?x1x32x16xf64>, tensor<?x1x32x16xf64> -> tensor<?x1x4x16xf64> steps tensor<1xi64>
    return %o, %s : tensor<?x1x4x16xf64>, tensor<1xi64>
  }
  func.func @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

// One value returned twice is written to both buffers; an input returned as
// is is copied through its to_tensor. Static f32 shapes keep their shape.
// CHECK-LABEL: func.func @passthrough(
// CHECK-SAME: %[[X:[^:]+]]: memref<2x4xf32>, %[[A:[^:]+]]: memref<2x4xf32>, %[[B:[^:]+]]: memref<2x4xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK-NEXT: %[[XT:.+]] = bufferization.to_tensor %[[X]] restrict : memref<2x4xf32> to tensor<2x4xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[XT]] in restrict writable %[[A]]
// CHECK-NEXT: bufferization.materialize_in_destination %[[XT]] in restrict writable %[[B]]
// CHECK-NEXT: return{{$}}
func.func @passthrough(%x: tensor<2x4xf32> {hopfield.name = "x"})
    -> (tensor<2x4xf32> {hopfield.name = "a"}, tensor<2x4xf32> {hopfield.name = "b"}) {
  return %x, %x : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// A declaration has no body to rewrite.
// CHECK-LABEL: func.func private @declaration(tensor<4xf32> {hopfield.name = "x"}) -> tensor<4xf32>
func.func private @declaration(%x: tensor<4xf32> {hopfield.name = "x"}) -> tensor<4xf32>

// -----

// Every argument and result of the entry point must be a ranked tensor.
// expected-error @+1 {{hopfield-destination-abi: an argument of type 'i32' is not a ranked tensor}}
func.func @scalar_argument(%x: tensor<4xf32> {hopfield.name = "x"}, %n: i32 {hopfield.name = "n"})
    -> (tensor<4xf32> {hopfield.name = "y"}) {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{hopfield-destination-abi: a result of type 'f32' is not a ranked tensor}}
func.func @scalar_result(%x: tensor<4xf32> {hopfield.name = "x"})
    -> (f32 {hopfield.name = "y"}) {
  %c0 = arith.constant 0 : index
  %e = tensor.extract %x[%c0] : tensor<4xf32>
  return %e : f32
}

// -----

// expected-error @+1 {{hopfield-destination-abi: an argument of type 'tensor<*xf32>' is not a ranked tensor}}
func.func @unranked(%x: tensor<*xf32> {hopfield.name = "x"})
    -> (tensor<*xf32> {hopfield.name = "y"}) {
  return %x : tensor<*xf32>
}
