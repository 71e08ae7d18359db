//===- Compile.cpp - from a frontend module to an artifact ----------------===//

#include "codegen/Compile.h"
#include "codegen/EntryInterface.h"
#include "codegen/GpuPipeline.h"
#include "codegen/ObjectEmission.h"
#include "codegen/Pipelines.h"
#include "codegen/TargetDescription.h"
#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

/// Prints the module after the first run of one pass (`--emit
/// mlir-after=PASS`).
struct PrintAfterPass : PassInstrumentation {
  PrintAfterPass(std::string argument, llvm::raw_ostream &os)
      : argument(std::move(argument)), os(os) {}
  void runAfterPass(Pass *pass, Operation *op) override {
    if (printed || pass->getArgument() != argument)
      return;
    printed = true;
    Operation *top = op;
    while (top->getParentOp())
      top = top->getParentOp();
    top->print(os);
    os << "\n";
  }
  std::string argument;
  llvm::raw_ostream &os;
  bool printed = false;
};

/// Writes `text` to `path` ("-" = stdout).
LogicalResult writeFile(StringRef path, StringRef text, Location loc) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file)
    return emitError(loc) << "cannot write '" << path << "': " << error;
  file->os() << text;
  file->keep();
  return success();
}

/// Tile sizes from the target description, for the widest head of `module`.
SmallVector<int64_t> defaultTileSizes(ModuleOp module) {
  int64_t headDim = 16, valueDim = 16;
  unsigned bytes = 4;
  // The longest static query and key sequences (0: one is dynamic).
  int64_t queries = 1, keys = 1;
  auto visit = [&](ShapedType query, ShapedType key, ShapedType value) {
    if (!query.isDynamicDim(3))
      headDim = std::max(headDim, query.getDimSize(3));
    if (!value.isDynamicDim(3))
      valueDim = std::max(valueDim, value.getDimSize(3));
    bytes = std::max(bytes, query.getElementTypeBitWidth() / 8);
    auto longest = [](int64_t &sofar, ShapedType type) {
      if (sofar != 0)
        sofar = type.isDynamicDim(2) ? 0 : std::max(sofar, type.getDimSize(2));
    };
    longest(queries, query);
    longest(keys, key);
  };
  module.walk([&](Operation *op) {
    if (auto associate = dyn_cast<AssociateOp>(op))
      visit(associate.getQueryType(), associate.getKeyType(),
            associate.getValueType());
    else if (auto mha = dyn_cast<MhaOp>(op))
      visit(cast<ShapedType>(mha.getQuery().getType()),
            cast<ShapedType>(mha.getKey().getType()),
            cast<ShapedType>(mha.getValue().getType()));
  });
  SmallVector<int64_t> sizes =
      TargetDescription::host().defaultAttentionTileSizes(headDim, valueDim,
                                                          bytes);
  // A tile longer than every sequence would be padded: the smallest power
  // of two that covers the sequence does the same work without the padding.
  auto cover = [](int64_t tile, int64_t length) {
    return length == 0 ? tile
                       : std::min<int64_t>(tile, llvm::PowerOf2Ceil(length));
  };
  sizes[2] = cover(sizes[2], queries);
  sizes[3] = cover(sizes[3], keys);
  return sizes;
}

/// The PTX of every kernel module serialised into `module` (gpu.binary
/// objects in the isa format), each after a comment naming its module.
std::string kernelAssembly(ModuleOp module) {
  std::string text;
  module.walk([&](gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjects()) {
      auto object = cast<gpu::ObjectAttr>(attr);
      text += "// kernel module " + binary.getName().str() + "\n";
      text += object.getObject().getValue().str();
      text += "\n";
    }
  });
  return text;
}

} // namespace

LogicalResult mlir::hopfield::compileModule(ModuleOp module,
                                            const CompileOptions &options) {
  Location loc = module.getLoc();
  const bool cuda = options.target == "cuda";
  if (!cuda && options.target != "cpu")
    return emitError(loc) << "unknown target '" << options.target
                          << "'; available: cpu, cuda";
  StringRef emit = options.emit;
  if (emit == "ptx" && !cuda)
    return emitError(loc, "--emit ptx needs --target cuda; the cpu target "
                          "emits mlir, mlir-after=PASS, llvm, obj or header");
  if (!emit.empty() && emit != "mlir" && emit != "llvm" && emit != "obj" &&
      emit != "header" && emit != "ptx" && !emit.starts_with("mlir-after="))
    return emitError(loc) << "unknown --emit value '" << emit
                          << "'; expected mlir, mlir-after=PASS, llvm, ptx, "
                             "obj or header";
  FailureOr<func::FuncOp> entryFunc = findEntryFunction(module);
  if (failed(entryFunc))
    return failure();
  FailureOr<EntryInterface> entry = readEntryInterface(*entryFunc);
  if (failed(entry))
    return failure();
  std::string cpu = llvm::sys::getHostCPUName().str();
  if (options.emit == "header")
    return writeFile(options.outputPath, cHeader(*entry, options.precision),
                     loc);

  PassManager pm(module.getContext());
  std::string afterPrefix = "mlir-after=";
  std::string afterPass;
  std::string printed;
  llvm::raw_string_ostream printedStream(printed);
  if (StringRef(options.emit).starts_with(afterPrefix)) {
    afterPass = options.emit.substr(afterPrefix.size());
    pm.addInstrumentation(
        std::make_unique<PrintAfterPass>(afterPass, printedStream));
  }
  const bool tensorCores =
      options.precision == "bf16" || options.precision == "f16";
  if (tensorCores && !cuda)
    return emitError(loc) << "--precision " << options.precision
                          << " needs --target cuda";
  if (cuda && options.precision != "f32" && !tensorCores)
    return emitError(loc) << "--target cuda compiles with --precision f32, "
                             "bf16 or f16; got --precision "
                          << options.precision;
  if (cuda && failed(checkGpuSupport(module)))
    return failure();
  if (cuda) {
    GpuPipelineOptions pipeline;
    pipeline.chip = options.cudaArch;
    pipeline.numInputs = entry->inputs.size();
    pipeline.mhaLowering = options.mhaLowering;
    if (tensorCores)
      pipeline.tensorCores = options.precision;
    buildLowerToNvvmPipeline(pm, pipeline);
  } else {
    CpuPipelineOptions pipeline;
    SmallVector<int64_t> tiles(options.tileSizes);
    if (tiles.empty())
      tiles = defaultTileSizes(module);
    pipeline.tileSizes = tiles;
    pipeline.mhaLowering = options.mhaLowering;
    buildLowerToLLVMPipeline(pm, pipeline);
  }
  if (failed(pm.run(module)))
    return emitError(loc) << "the " << (cuda ? "CUDA" : "CPU")
                          << " lowering pipeline failed";
  if (!afterPass.empty()) {
    if (printed.empty())
      return emitError(loc) << "--emit mlir-after=" << afterPass
                            << ": no pass with that argument runs in the "
                            << (cuda ? "CUDA" : "CPU")
                            << " pipeline (see hopfield-opt "
                               "--hopfield-lower-to-llvm --mlir-print-ir-after-all)";
    return writeFile(options.outputPath, printed, loc);
  }
  if (options.emit == "mlir") {
    std::string text;
    llvm::raw_string_ostream os(text);
    module.print(os);
    return writeFile(options.outputPath, text, loc);
  }
  if (options.emit == "ptx")
    return writeFile(options.outputPath, kernelAssembly(module), loc);
  if (cuda && options.cudaBinary != "ptx") {
    std::optional<std::string> ptxas = findPtxas();
    if (!ptxas && options.cudaBinary == "cubin")
      return emitError(loc, "--cuda-binary cubin needs ptxas (CUDA toolkit) "
                            "on PATH or in /usr/local/cuda/bin");
    if (ptxas && failed(assembleKernels(module, *ptxas, options.cudaArch)))
      return failure();
  }

  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine =
      createHostTargetMachine();
  if (failed(machine))
    return emitError(loc, "cannot create a target machine for this host");
  llvm::LLVMContext llvmContext;
  std::string manifest =
      manifestJson(*entry, options.target, cpu, options.precision);
  unsigned numArguments = entry->inputs.size() + entry->outputs.size();
  FailureOr<std::unique_ptr<llvm::Module>> llvmModule =
      translateWithArtifactAbi(module, llvmContext, entry->functionName,
                               numArguments, manifest, modelRunSymbol(*entry),
                               **machine);
  if (failed(llvmModule))
    return failure();
  optimizeModule(**llvmModule, **machine);
  if (options.emit == "llvm") {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return writeFile(options.outputPath, text, loc);
  }
  FailureOr<std::string> object = emitObject(**llvmModule, **machine, loc);
  if (failed(object))
    return failure();
  if (options.emit == "obj")
    return writeFile(options.outputPath, *object, loc);
  return linkSharedLibrary(*object, options.outputPath, loc);
}
