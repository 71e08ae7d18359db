//===- Passes.td - hopfield code generation passes ---------*- tablegen -*-===//
//
// Conversions and ABI passes of the code generation stage. The pipelines
// that chain them are registered in Pipelines.h.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_PASSES_TD
#define CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertHopfieldToLinalgPass : Pass<"convert-hopfield-to-linalg"> {
  let summary = "Lower the online-form hopfield ops to linalg on tensors";
  let description = [{
    `hopfield.online_associate` (with its scale folded into the query),
    `hopfield.association_change` and `hopfield.finalize` become
    `linalg.generic` ops: score contractions, masking, the online-softmax
    statistics and the `p V` contraction. Run after `hopfield-tile`, each
    op works on one tile. Any other hopfield op left at this point is
    reported as an error (it has no lowering to linalg yet).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HopfieldDestinationAbiPass
    : Pass<"hopfield-destination-abi", "::mlir::ModuleOp"> {
  let summary = "Give the model entry point the artifact calling convention";
  let description = [{
    Rewrites every function whose arguments carry `hopfield.name` (the
    frontend's entry point, frontend/README.md) from tensors in, tensors out
    into memrefs in, memrefs out: inputs are read through
    `bufferization.to_tensor restrict`, each result is written into a
    caller-provided output buffer with
    `bufferization.materialize_in_destination`, and the function gets
    `llvm.emit_c_interface` so that it is callable with memref descriptors
    (runtime/README.md, artifact ABI). The `hopfield.*` argument and result
    attributes are dropped: hopfield-compile reads them into the artifact
    manifest before the pipeline runs.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect"];
}

def HopfieldApproximateMathPass : Pass<"hopfield-approximate-math"> {
  let summary = "Replace f32 transcendental math by vectorizable polynomials";
  let description = [{
    Rewrites f32 `math.exp` (one per score) into upstream's polynomial
    approximation built from arith ops, so that it vectorizes instead of
    calling libm per element. f64 keeps libm for the 1e-9 accuracy of the
    reference comparisons.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def HopfieldMathToLibmPass : Pass<"hopfield-math-to-libm", "::mlir::ModuleOp"> {
  let summary = "Call libm for the math functions LLVM cannot lower";
  let description = [{
    `math.erf`, `math.erfc` and `math.asinh` (activations, exact GELU) have
    no LLVM intrinsic. They become calls of libm's `erf`/`erff`, `erfc`/
    `erfcf`, `asinh`/`asinhf` (vector ops one element at a time), resolved
    when the artifact is linked with `-lm`. Every other math op is left as
    it is.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::vector::VectorDialect"];
}

def HopfieldCopiesToLoopsPass : Pass<"hopfield-copies-to-loops"> {
  let summary = "Turn strided memref.copy into linalg.copy";
  let description = [{
    `finalize-memref-to-llvm` lowers a `memref.copy` between strided
    (non-identity) layouts to a call of `memrefCopy` from MLIR's C runner
    library, which artifacts must not depend on. This pass rewrites such
    copies into `linalg.copy`, which becomes plain loops; contiguous copies
    stay `memref.copy` (an `llvm.memcpy`). With `all`, every copy becomes a
    `linalg.copy` (the GPU pipeline: a host memcpy cannot reach device
    buffers).
  }];
  let options = [
    Option<"all", "all", "bool", /*default=*/"false",
           "Rewrite contiguous copies too">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def HopfieldGpuDeviceMemoryPass
    : Pass<"hopfield-gpu-device-memory", "::mlir::func::FuncOp"> {
  let summary = "Put the entry point's buffers in GPU memory";
  let description = [{
    The GPU pipeline runs the bufferized entry point's loops as kernels, so
    every buffer they touch must live on the device. In the host code of
    every function (arguments after `hopfield-destination-abi`: the first
    `num-inputs` are inputs, the rest outputs):
    * each argument gets a device copy (`gpu.alloc`); inputs are copied in
      (`gpu.memcpy`) at the start, outputs copied back before the return;
    * each `memref.alloc` becomes `gpu.alloc` (its `memref.dealloc`, if
      any, dropped), each constant `memref.get_global` (weights) a device
      buffer filled from the global;
    * every device buffer is freed (`gpu.dealloc`) before the return.
    Host code that reads or writes a buffer element by element (a
    `memref.load` / `memref.store` outside a parallel loop) cannot run
    against device memory and is an error.
  }];
  let options = [
    Option<"numInputs", "num-inputs", "unsigned", /*default=*/"0",
           "Leading function arguments that are inputs">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def HopfieldGpuFlashAttentionPass
    : Pass<"hopfield-gpu-flash-attention", "::mlir::ModuleOp"> {
  let summary = "Associations as one tensor-core FlashAttention kernel each";
  let description = [{
    Replaces each `hopfield.associate` without update steps, masks, biases
    or an association result, with static sizes, a head width that is a
    multiple of 16 and a value width that is a multiple of 8, by a
    `gpu.launch_func` of the kernel in codegen/FlashKernel.h (one
    `gpu.module @hopfield_flash_kernels` holds them) on its operands rounded
    to `operands` by an elementwise linalg.generic each, written into
    buffers of their own (`memref.alloc` + `bufferization.to_tensor
    restrict writable`, also for the output): blocks of 64 queries of one
    (batch, head), four warps of 16 queries, key and value tiles copied to
    shared memory by cp.async two stages deep, ldmatrix fragments,
    `mma.sync` m16n8k16 with f32 accumulators for Q K^T and P V, the online
    softmax in f32 registers, causal and end-of-keys masks in the kernel.
    The other associations stay for the generic lowering (`report` says why
    for each).

    An iterating `hopfield.associate` whose head's queries fit one block
    (batch 1, at most 128 queries, values as wide as the keys, a budget of
    at most 4 steps, the association criterion, no mask or bias) becomes
    one fused retrieval kernel that runs the whole update loop, one block
    per head. The cuda pipeline runs this pass before and after
    `hopfield-expand-updates{unroll}`, which expands the other loops; the
    update steps it leaves go to the tensor cores too: each `hopfield.online_associate` from the identity
    start (no mask, bias or offsets) becomes the same kernel writing its
    result in an equivalent online form (normalised accumulator, the row
    log-sum-exp as max, 1 as sum), and each `hopfield.association_change`
    without mask or bias becomes the change kernel (both states' scores per
    key tile, squared weight differences per row) plus a `linalg.generic`
    summing the rows per (batch, head). A tensor is rounded once, however
    many kernels read it (the keys of every step). Loops whose budget (the
    `hopfield.update_budget` the unrolling leaves on these ops) is over 4
    steps stay generic: each step rounds the state, and the error grows
    with the steps.
  }];
  let options = [
    Option<"operands", "operands", "std::string", "\"bf16\"",
           "What Q, K, V and P are rounded to on the tensor cores: bf16 or f16">,
    Option<"report", "report", "bool", "false",
           "Emit a remark for each association left to the generic path">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::NVVM::NVVMDialect",
                           "::mlir::nvgpu::NVGPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def HopfieldGpuSerialOpsPass : Pass<"hopfield-gpu-serial-ops"> {
  let summary = "Give linalg ops without a parallel dimension a loop of one";
  let description = [{
    `convert-linalg-to-parallel-loops` turns a linalg op on buffers without
    a parallel dimension (a rank-0 fill, a reduction to a scalar) into
    loads, stores and `scf.for` loops in the host code, which cannot reach
    GPU buffers. This pass wraps each such op in `scf.parallel (%i) = (0) to
    (1)`, so that it becomes a kernel of one thread like any other loop nest.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def HopfieldGpuMathPass : Pass<"hopfield-gpu-math"> {
  let summary = "Math in kernels without libdevice";
  let description = [{
    `convert-gpu-to-nvvm` turns `math` ops into calls of libdevice's
    `__nv_*` functions, which only a CUDA toolkit provides. On the kernels,
    this pass rewrites f32 transcendentals (exp, log, tanh, erf, ...) into
    upstream's polynomial approximations, applies upstream's expansions
    (`rsqrt`, `fma`, `ceil`, `sinh`, `asinh`, ...), writes `absf` as
    `max(x, -x)` and `copysign` with bit operations, and turns what remains (`sqrt`, `floor`) into NVVM
    intrinsics (`llvm.nvvm.sqrt.rn.f`, `llvm.nvvm.floor.f`), so the PTX is
    self-contained.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::math::MathDialect"];
}

def HopfieldMapToGpuPass : Pass<"hopfield-map-to-gpu"> {
  let summary = "Map each outermost scf.parallel to GPU blocks and threads";
  let description = [{
    Every outermost `scf.parallel` of a function (one per linalg op after
    `convert-linalg-to-parallel-loops`) is collapsed to one dimension and
    tiled by `block-size`; the tile loop is mapped to `gpu.block_id x` and
    the loop inside a tile to `gpu.thread_id x` (mapping attributes of
    `convert-parallel-loops-to-gpu`), so each thread computes one point of
    the parallel iteration space, running its reductions sequentially.
    Nested `scf.parallel` loops run sequentially inside their thread.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::affine::AffineDialect"];
}

def HopfieldVectorizePass : Pass<"hopfield-vectorize"> {
  let summary = "Tile the kernel's linalg ops to register tiles and vectorize";
  let description = [{
    Runs on the linalg-on-tensors form of one association tile (after
    `convert-hopfield-to-linalg` and unit-dimension folding). Every
    statically shaped linalg op is tiled with `scf::tileUsingSCF` and
    vectorized with `linalg::vectorize`:
    * contractions (scores `q kT`, `p V`) to `rows x cols x 1` register
      tiles: an outer-product loop over the reduction whose `rows x cols`
      accumulator stays in vector registers (the loop-invariant accumulator
      read/write is hoisted out of the reduction loop);
    * transposes to `cols/2 x cols/2` blocks;
    * everything else (masking, exp, row max / sum, scaling) row by row.
    Ops with dynamic shapes (tiles at ragged edges) are left to become
    scalar loops, and so are ops on i1 tensors: LLVM packs i1 vectors into
    bits in memory, while scalar i1 accesses and the artifact ABI use one
    byte per element.
  }];
  let options = [
    Option<"rows", "rows", "int64_t", /*default=*/"8",
           "Rows of a contraction register tile">,
    Option<"cols", "cols", "int64_t", /*default=*/"32",
           "Columns of a contraction register tile (a multiple of the "
           "vector length)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
}

def HopfieldTileLinalgPass : Pass<"hopfield-tile-linalg"> {
  let summary = "Tile the linalg ops around the association into parallel "
                "cache-sized tiles";
  let description = [{
    Projections (`linalg.matmul` and contraction `linalg.generic` ops), layer
    norms, head split/merge transposes and the association matrix are plain
    linalg ops that `hopfield-tile` leaves alone. Every such op outside a
    loop whose (estimated) iteration count reaches `min-work` is tiled with
    upstream `TilingInterface` (`scf::tileConsumerAndFuseProducersUsingSCF`)
    into one `scf.forall`, which the CPU pipeline runs on all cores and
    `hopfield-vectorize` register-tiles:
    * contractions get `rows x cols` output tiles over their two innermost
      parallel dimensions (outer parallel dimensions tile by 1); with
      `reduction > 0` a longer static reduction becomes an `scf.for` of
      `reduction`-sized steps inside the tile (the weight panel stays in
      L2);
    * other ops get `rows` rows over their parallel dimensions but the
      innermost loop, the vector dimension, which stays whole up to `cols`
      and is tiled by `cols` beyond (a row of the association matrix can
      be long).
    The accumulator initialisation of an op (the broadcast bias of a
    projection, the fill of a reduction), used by it alone, is fused into
    its tiles.
    Input producers are not fused: a layer norm feeds several projections
    and would be recomputed per consumer tile; it is tiled on its own.
    A ragged tile (a run-time row count, or a size the tile does not
    divide) is padded to the full tile size with zeros so that it vectorizes;
    the padding rows are dropped.
  }];
  let options = [
    Option<"rows", "rows", "int64_t", /*default=*/"64",
           "Rows of a tile (a multiple of the register tile's rows)">,
    Option<"cols", "cols", "int64_t", /*default=*/"256",
           "Output columns of a contraction tile, and the longest innermost "
           "dimension other ops keep whole">,
    Option<"reduction", "reduction", "int64_t", /*default=*/"0",
           "Reduction step of a contraction tile; 0 = whole reduction">,
    Option<"minWork", "min-work", "int64_t", /*default=*/"32768",
           "Smallest iteration count worth tiling (run-time sizes count as "
           "1024)">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // CODEGEN_PASSES_TD
