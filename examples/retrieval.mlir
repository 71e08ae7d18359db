// Classic Hopfield retrieval (SPEC 5): 32 stored patterns of dimension 64
// (the keys, also the values), 4 queries, inverse temperature beta = 8, one
// update (max_steps = [0]: a single softmax), as hflayers' static execution
// computes it. The association matrix is not requested, so the compiler may
// use the online (FlashAttention-style) form and never build the 4 x 32
// association matrix. README.md runs the hopfield passes on it with
// hopfield-opt; `make demo` compiles a retrieval like it from a model
// description instead (classic-retrieval/).
func.func @retrieve(%queries: tensor<1x1x4x64xf32>,
                    %patterns: tensor<1x1x32x64xf32>)
    -> (tensor<1x1x4x64xf32>, tensor<1xi64>) {
  %retrieved, %steps = hopfield.associate %queries, %patterns, %patterns
      beta = 8.0 max_steps = [0]
      : tensor<1x1x4x64xf32>, tensor<1x1x32x64xf32>, tensor<1x1x32x64xf32>
      -> tensor<1x1x4x64xf32> steps tensor<1xi64>
  return %retrieved, %steps : tensor<1x1x4x64xf32>, tensor<1xi64>
}
