//===- Compile.h - from a frontend module to an artifact --------*- C++ -*-===//
//
// The driver behind hopfield-compile: runs the lowering pipeline for a target
// on a module in the frontend's form (frontend/README.md) and writes the stage
// the user asked for: the artifact (a shared library), MLIR after a pass,
// LLVM IR, an object file or a C header.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_COMPILE_H
#define CODEGEN_COMPILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::hopfield {

struct CompileOptions {
  /// "cpu" or "cuda".
  std::string target = "cpu";
  /// GPU architecture of the cuda target: sm_80, sm_90 or sm_90a.
  std::string cudaArch = "sm_90";
  /// Kernels in a cuda artifact: "cubin" (ptxas required), "ptx" (compiled
  /// by the driver at load time) or "auto" (cubin when ptxas is found).
  std::string cudaBinary = "auto";
  /// "f32" or "f64" (the frontend already chose the element types), or with
  /// the cuda target "bf16"/"f16": f32 tensors, the associations on the
  /// tensor-core kernel with operands of that type. Recorded in the manifest.
  std::string precision = "f32";
  /// (batch, heads, queries, keys) tile sizes; empty = from the target
  /// description.
  SmallVector<int64_t> tileSizes;
  /// Lowering of modern Hopfield attention layers: "auto" (the cost model of
  /// hopfield-choose-mha-lowering), "materialize", "bias" or "concat".
  std::string mhaLowering = "auto";
  /// "" (the artifact), "mlir" (after the whole pipeline, before LLVM
  /// translation), "mlir-after=PASS", "llvm", "obj" or "header".
  std::string emit;
  /// Where the result goes ("-" = stdout for text stages).
  std::string outputPath;
};

/// Lowers `module` and writes `options.emit` to `options.outputPath`.
/// Diagnostics go through the module's context; failure means nothing usable
/// was written.
LogicalResult compileModule(ModuleOp module, const CompileOptions &options);

} // namespace mlir::hopfield

#endif // CODEGEN_COMPILE_H
