func.func private @printMemrefF64(memref<*xf64>)
func.func @main() {
  %q1 = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf64>
  %k1 = arith.constant dense<[[[[1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]]]> : tensor<1x1x3x2xf64>
  %v1 = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf64>
  %q2 = arith.constant dense<[[[[0.0, 1.0], [1.0, 0.0], [1.0, -1.0]]]]> : tensor<1x1x3x2xf64>
  %k2 = arith.constant dense<[[[[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]]]> : tensor<1x1x3x2xf64>
  %v2 = arith.constant dense<[[[[2.0, 0.0], [0.0, 2.0], [1.0, -1.0]]]]> : tensor<1x1x3x2xf64>
  %o1, %h1 = hopfield.mha %q1, %k1, %v1 alpha_hidden = 0.5 causal {init = #hopfield.init<zero>}
      : tensor<1x1x3x2xf64>, tensor<1x1x3x2xf64>, tensor<1x1x3x2xf64> -> tensor<1x1x3x2xf64>, tensor<1x1x3x3xf64>
  %o2, %h2 = hopfield.mha %q2, %k2, %v2 hidden(%h1 : tensor<1x1x3x3xf64>) alpha_hidden = 0.5 causal
      : tensor<1x1x3x2xf64>, tensor<1x1x3x2xf64>, tensor<1x1x3x2xf64> -> tensor<1x1x3x2xf64>, tensor<1x1x3x3xf64>
  %o1_m = bufferization.to_buffer %o1 : tensor<1x1x3x2xf64> to memref<1x1x3x2xf64>
  %o1_u = memref.cast %o1_m : memref<1x1x3x2xf64> to memref<*xf64>
  call @printMemrefF64(%o1_u) : (memref<*xf64>) -> ()
  %h2_m = bufferization.to_buffer %h2 : tensor<1x1x3x3xf64> to memref<1x1x3x3xf64>
  %h2_u = memref.cast %h2_m : memref<1x1x3x3xf64> to memref<*xf64>
  call @printMemrefF64(%h2_u) : (memref<*xf64>) -> ()
  %o2_m = bufferization.to_buffer %o2 : tensor<1x1x3x2xf64> to memref<1x1x3x2xf64>
  %o2_u = memref.cast %o2_m : memref<1x1x3x2xf64> to memref<*xf64>
  call @printMemrefF64(%o2_u) : (memref<*xf64>) -> ()
  return
}
