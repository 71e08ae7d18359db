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

def HopfieldCopiesToLoopsPass : Pass<"hopfield-copies-to-loops"> {
  let summary = "Turn strided memref.copy into linalg.copy";
  let description = [{
    `finalize-memref-to-llvm` lowers a `memref.copy` between strided
    (non-identity) layouts to a call of `memrefCopy` from MLIR's C runner
    library, which artifacts must not depend on. This pass rewrites such
    copies into `linalg.copy`, which becomes plain loops; contiguous copies
    stay `memref.copy` (an `llvm.memcpy`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
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

#endif // CODEGEN_PASSES_TD
