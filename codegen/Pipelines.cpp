//===- Pipelines.cpp - named lowering pipelines ---------------------------===//

#include "codegen/Pipelines.h"
#include "codegen/GpuPipeline.h"
#include "codegen/Passes.h"
#include "codegen/TargetDescription.h"
#include "passes/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hopfield;

void mlir::hopfield::buildHopfieldRewrites(OpPassManager &pm,
                                           StringRef mhaLowering,
                                           StringRef tensorCores,
                                           bool unrollUpdates) {
  pm.addPass(createHopfieldDestinationAbiPass());
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(createCanonicalizerPass());
  TargetDescription host = TargetDescription::host();
  HopfieldChooseMhaLoweringPassOptions mha;
  mha.lowering = mhaLowering.str();
  mha.memoryBudgetMiB = host.mhaMemoryBudgetBytes() >> 20;
  mha.cacheKiB = host.mhaCacheBytes() >> 10;
  func.addPass(createHopfieldChooseMhaLoweringPass(mha));
  func.addPass(createHopfieldLowerMhaPass());
  HopfieldExpandUpdatesPassOptions updates;
  updates.unroll = unrollUpdates;
  HopfieldGpuFlashAttentionPassOptions flash;
  flash.operands = tensorCores.str();
  OpPassManager *online = &func;
  if (!tensorCores.empty()) {
    // Before the update loops are expanded: a whole association is one
    // kernel (a small update loop included). After: the unrolled loops'
    // passes and changes. (A module pass: it adds the kernels' gpu.module.)
    pm.addPass(createHopfieldGpuFlashAttentionPass(flash));
    pm.nest<func::FuncOp>().addPass(createHopfieldExpandUpdatesPass(updates));
    pm.addPass(createHopfieldGpuFlashAttentionPass(flash));
    online = &pm.nest<func::FuncOp>();
  } else {
    func.addPass(createHopfieldExpandUpdatesPass(updates));
  }
  online->addPass(createHopfieldToOnlinePass());
  online->addPass(createHopfieldFoldScalePass());
  online->addPass(createHopfieldFoldNormAffinePass());
  online->addPass(createCanonicalizerPass());
  online->addPass(createCSEPass());
  // After CSE (projections of one input read one value: the input
  // LayerNorms differ only in their folded affine maps) and after the
  // scale is folded into Q's own weights.
  online->addPass(createHopfieldMergeProjectionsPass());
}

void mlir::hopfield::buildHopfieldToLinalgPipeline(OpPassManager &pm,
                                                   ArrayRef<int64_t> tileSizes,
                                                   bool parallel,
                                                   StringRef mhaLowering) {
  buildHopfieldRewrites(pm, mhaLowering);
  OpPassManager &func = pm.nest<func::FuncOp>();
  HopfieldTilePassOptions tiling;
  tiling.tileSizes = llvm::to_vector(tileSizes);
  tiling.parallelLoops = parallel;
  func.addPass(createHopfieldTilePass(tiling));
  // The projections and layers around the association, in parallel tiles
  // too (before the association tiles become linalg ops of their own).
  TargetDescription::LinalgTileSizes linalgSizes =
      TargetDescription::host().defaultLinalgTileSizes(/*elementBytes=*/4);
  HopfieldTileLinalgPassOptions linalgTiling;
  linalgTiling.rows = linalgSizes.rows;
  linalgTiling.cols = linalgSizes.cols;
  linalgTiling.reduction = linalgSizes.reduction;
  func.addPass(createHopfieldTileLinalgPass(linalgTiling));
  func.addPass(createConvertHopfieldToLinalgPass());
  func.addPass(createCanonicalizerPass());
  func.addPass(createCSEPass());
}

void mlir::hopfield::buildLowerToLLVMPipeline(
    OpPassManager &pm, const CpuPipelineOptions &options) {
  SmallVector<int64_t> tileSizes(options.tileSizes.begin(),
                                 options.tileSizes.end());
  if (tileSizes.empty())
    tileSizes = TargetDescription::host().defaultAttentionTileSizes(
        /*headDim=*/64, /*valueDim=*/64, /*elementBytes=*/4);
  buildHopfieldToLinalgPipeline(pm, tileSizes, options.parallel,
                                options.mhaLowering);

  // Register tiles and vectors for each association tile.
  OpPassManager &kernel = pm.nest<func::FuncOp>();
  kernel.addPass(createLinalgFoldUnitExtentDimsPass());
  kernel.addPass(createCanonicalizerPass());
  kernel.addPass(createHopfieldVectorizePass());
  kernel.addPass(createCanonicalizerPass());
  kernel.addPass(createCSEPass());
  if (options.approximateMath)
    kernel.addPass(createHopfieldApproximateMathPass());
  pm.addPass(createHopfieldMathToLibmPass());

  // Tensors to buffers; the entry point already takes memrefs. A result
  // built from a tensor.empty is built in the caller's output buffer (no
  // whole-output allocation, page faults and copy per run).
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferization;
  bufferization.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));
  bufferization::buildBufferDeallocationPipeline(pm);

  // Tiles become OpenMP worksharing loops.
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(createForallToParallelLoopPass());
  if (options.parallel) {
    pm.addPass(createConvertSCFToOpenMPPass());
    // Inlines the memref.alloca_scope the conversion wraps loop bodies in
    // (they hold no stack allocations), before loops become branches.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addNestedPass<func::FuncOp>(createHopfieldCopiesToLoopsPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addNestedPass<func::FuncOp>(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerReduction));
  // Fully unrolled: the looped form stages N-D vectors through stack
  // buffers allocated inside loops, which grow the stack per iteration.
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createCanonicalizerPass());

  // Everything to the LLVM dialect.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.reassociateFPReductions = true;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  vectorToLLVM.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle16x16;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::hopfield::registerHopfieldPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "hopfield-lower-to-llvm",
      "The CPU pipeline: hopfield passes, tiling, linalg, bufferization, "
      "OpenMP loops, LLVM dialect",
      buildLowerToLLVMPipeline);
  PassPipelineRegistration<GpuPipelineCliOptions>(
      "hopfield-lower-to-nvvm",
      "The CUDA pipeline: hopfield passes, linalg, buffers in GPU memory, one "
      "kernel per loop nest, NVVM and serialised kernels, LLVM host code",
      [](OpPassManager &pm, const GpuPipelineCliOptions &cli) {
        GpuPipelineOptions options;
        options.chip = cli.chip;
        options.numInputs = cli.numInputs;
        options.mhaLowering = cli.mhaLowering;
        options.tensorCores = cli.tensorCores;
        buildLowerToNvvmPipeline(pm, options);
      });
}
