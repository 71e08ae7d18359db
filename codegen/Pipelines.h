//===- Pipelines.h - named lowering pipelines -------------------*- C++ -*-===//
//
// `hopfield-lower-to-llvm`: the CPU pipeline from the frontend's tensor IR to
// the LLVM dialect (hopfield passes, tiling, conversion to linalg,
// bufferization, OpenMP parallel loops, LLVM). Registered for hopfield-opt
// and used by hopfield-compile.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_PIPELINES_H
#define CODEGEN_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::hopfield {

struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  ListOption<int64_t> tileSizes{
      *this, "tile-sizes",
      llvm::cl::desc("(batch, heads, queries, keys) tile sizes of the "
                     "association; empty = from the host's target "
                     "description")};
  Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Run tiles on all cores (OpenMP)"), llvm::cl::init(true)};
  Option<std::string> mhaLowering{
      *this, "mha-lowering",
      llvm::cl::desc("Lowering of modern Hopfield attention layers: auto "
                     "(the cost model), materialize, bias or concat"),
      llvm::cl::init("auto")};
  Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Polynomial f32 exp (vectorizable)"),
      llvm::cl::init(true)};
};

/// Command-line options of `hopfield-lower-to-nvvm` (GpuPipeline.h).
struct GpuPipelineCliOptions
    : public PassPipelineOptions<GpuPipelineCliOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("sm_80, sm_90 or sm_90a"),
                           llvm::cl::init("sm_90")};
  Option<unsigned> numInputs{
      *this, "num-inputs",
      llvm::cl::desc("Leading entry arguments that are inputs"),
      llvm::cl::init(0)};
  Option<std::string> mhaLowering{
      *this, "mha-lowering",
      llvm::cl::desc("auto, materialize, bias or concat"),
      llvm::cl::init("auto")};
  Option<std::string> tensorCores{
      *this, "tensor-cores",
      llvm::cl::desc("bf16 or f16: associations on the tensor-core kernel "
                     "with operands of that type (default: none)"),
      llvm::cl::init("")};
};

/// The hopfield-level rewrites every target shares: the artifact ABI, MHA
/// lowering, update expansion, online form, folds, merged projections.
/// With `tensorCores` (cuda: "bf16" or "f16"), the associations the
/// tensor-core kernel handles become that kernel before the online form.
/// `unrollUpdates` (cuda) unrolls the update loops to their step budgets.
void buildHopfieldRewrites(OpPassManager &pm, StringRef mhaLowering,
                           StringRef tensorCores = {},
                           bool unrollUpdates = false);

/// Hopfield-level rewrites, tiling and conversion to linalg on tensors.
void buildHopfieldToLinalgPipeline(OpPassManager &pm,
                                   ArrayRef<int64_t> tileSizes, bool parallel,
                                   StringRef mhaLowering);

/// The whole CPU pipeline down to the LLVM dialect.
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const CpuPipelineOptions &options);

/// Registers `hopfield-lower-to-llvm` for the tools.
void registerHopfieldPipelines();

} // namespace mlir::hopfield

#endif // CODEGEN_PIPELINES_H
