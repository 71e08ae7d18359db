//===- hopfield-compile.cpp - model description -> artifact ---------------===//
//
// hopfield-compile MODEL.json -o OUT [--target cpu|cuda]
//     [--precision f32|f64|bf16|f16]
//     [--emit mlir-input|mlir|mlir-after=PASS|llvm|ptx|obj|header]
//     [--tile-sizes b,h,l,s] [--mha-lowering auto|materialize|bias|concat]
//     [--cuda-arch sm_80|sm_90|sm_90a] [--cuda-binary auto|cubin|ptx]
//
// Imports the model description (frontend/), then hands the module to the
// codegen driver (codegen/Compile.h). `--emit mlir-input` prints the
// importer's module and stops.
//
//===----------------------------------------------------------------------===//

#include "codegen/Compile.h"
#include "dialect/HopfieldOps.h"
#include "frontend/Importer.h"
#include "tools/InitAll.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {

llvm::cl::OptionCategory category("hopfield-compile options");

llvm::cl::opt<std::string> inputPath(llvm::cl::Positional, llvm::cl::Required,
                                     llvm::cl::desc("<model.json>"),
                                     llvm::cl::cat(category));
llvm::cl::opt<std::string>
    outputPath("o", llvm::cl::value_desc("path"),
               llvm::cl::desc("Output file ('-' = stdout for text stages)"),
               llvm::cl::cat(category));
llvm::cl::opt<std::string> target("target", llvm::cl::init("cpu"),
                                  llvm::cl::desc("Target: cpu or cuda"),
                                  llvm::cl::cat(category));
llvm::cl::opt<std::string>
    precision("precision", llvm::cl::init("f32"),
              llvm::cl::desc("Element type of float tensors: f32 or f64; with "
                             "--target cuda also bf16 or f16 (f32 tensors, "
                             "attention on the tensor cores in that type)"),
              llvm::cl::cat(category));
llvm::cl::opt<std::string> emit(
    "emit", llvm::cl::init(""),
    llvm::cl::desc("Stage to write instead of the artifact: mlir-input (the "
                   "imported module), mlir, mlir-after=PASS, llvm, ptx, obj "
                   "or header"),
    llvm::cl::cat(category));
llvm::cl::opt<std::string>
    cudaArch("cuda-arch", llvm::cl::init("sm_90"),
             llvm::cl::desc("GPU architecture of --target cuda: sm_80, sm_90 "
                            "or sm_90a"),
             llvm::cl::cat(category));
llvm::cl::opt<std::string> cudaBinary(
    "cuda-binary", llvm::cl::init("auto"),
    llvm::cl::desc("Kernels of --target cuda: cubin (assembled by ptxas), "
                   "ptx (compiled by the driver at load time) or auto (cubin "
                   "when ptxas is found)"),
    llvm::cl::cat(category));
llvm::cl::opt<std::string> mhaLowering(
    "mha-lowering", llvm::cl::init("auto"),
    llvm::cl::desc("Lowering of ModernHopfieldAttention layers: auto (a cost "
                   "model chooses per layer), materialize, bias or concat"),
    llvm::cl::cat(category));
llvm::cl::opt<std::string>
    tileSizes("tile-sizes", llvm::cl::value_desc("b,h,l,s"),
              llvm::cl::desc("Tile sizes over batch, heads, queries, keys "
                             "(default: from the target description)"),
              llvm::cl::cat(category));

int fail(const Twine &message) {
  llvm::errs() << "hopfield-compile: error: " << message << "\n";
  return 1;
}

/// "<file>: node '<name>': " for the locations the importer attaches
/// (NameLoc of the node around the model file), "<file>: " for a file.
std::string describeLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    std::string file;
    if (auto fileLoc = dyn_cast<FileLineColLoc>(name.getChildLoc()))
      file = fileLoc.getFilename().str() + ": ";
    return file + "node '" + name.getName().str() + "': ";
  }
  if (auto fileLoc = dyn_cast<FileLineColLoc>(loc))
    return fileLoc.getFilename().str() + ": ";
  return "";
}

/// Set once an error diagnostic has been printed.
bool printedError = false;

/// Prints diagnostics of the compile pipeline as
/// "hopfield-compile: error: <where>: <message>".
LogicalResult printDiagnostic(Diagnostic &diagnostic) {
  StringRef severity = "error";
  if (diagnostic.getSeverity() == DiagnosticSeverity::Error)
    printedError = true;
  switch (diagnostic.getSeverity()) {
  case DiagnosticSeverity::Warning:
    severity = "warning";
    break;
  case DiagnosticSeverity::Note:
    severity = "note";
    break;
  case DiagnosticSeverity::Remark:
    severity = "remark";
    break;
  case DiagnosticSeverity::Error:
    break;
  }
  llvm::errs() << "hopfield-compile: " << severity << ": "
               << describeLocation(diagnostic.getLocation()) << diagnostic
               << "\n";
  for (Diagnostic &note : diagnostic.getNotes())
    llvm::errs() << "hopfield-compile: note: "
                 << describeLocation(note.getLocation()) << note << "\n";
  return success();
}

/// Parses "b,h,l,s": four positive integers.
LogicalResult parseTileSizes(StringRef text, SmallVector<int64_t> &sizes,
                             std::string &error) {
  SmallVector<StringRef> parts;
  text.split(parts, ',');
  for (StringRef part : parts) {
    int64_t size;
    if (part.trim().getAsInteger(10, size) || size <= 0) {
      error = "--tile-sizes: '" + part.str() +
              "' is not a positive integer (expected b,h,l,s)";
      return failure();
    }
    sizes.push_back(size);
  }
  if (sizes.size() != 4) {
    error = "--tile-sizes needs 4 sizes (b,h,l,s), got " +
            std::to_string(sizes.size());
    return failure();
  }
  return success();
}

/// True for the stages that are text (and may go to stdout).
bool isTextStage(StringRef stage) {
  return stage == "mlir-input" || stage == "mlir" || stage == "llvm" ||
         stage == "ptx" || stage == "header" ||
         stage.starts_with("mlir-after=");
}

bool isKnownStage(StringRef stage) {
  if (stage.consume_front("mlir-after="))
    return !stage.empty();
  return stage.empty() || stage == "obj" || isTextStage(stage);
}

LogicalResult writeModule(ModuleOp module, StringRef path) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output) {
    fail(error);
    return failure();
  }
  module.print(output->os());
  output->os() << "\n";
  output->keep();
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  hopfield::registerAllPasses();
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "hopfield-compile: compiles a hopfield-model/1 description\n");

  if (target != "cpu" && target != "cuda")
    return fail("unknown --target '" + target + "' (expected cpu or cuda)");
  if (precision != "f32" && precision != "f64" && precision != "bf16" &&
      precision != "f16")
    return fail("unknown --precision '" + precision +
                "' (expected f32, f64, or with --target cuda bf16 or f16)");
  const bool tensorCorePrecision = precision == "bf16" || precision == "f16";
  if (tensorCorePrecision && target != "cuda")
    return fail("--precision " + precision + " needs --target cuda (the "
                "association's operands on the tensor cores)");
  if (!isKnownStage(emit))
    return fail("unknown --emit '" + emit +
                "' (expected mlir-input, mlir, mlir-after=PASS, llvm, ptx, "
                "obj or header)");
  if (cudaArch != "sm_80" && cudaArch != "sm_90" && cudaArch != "sm_90a")
    return fail("unknown --cuda-arch '" + cudaArch +
                "' (expected sm_80, sm_90 or sm_90a)");
  if (cudaBinary != "auto" && cudaBinary != "cubin" && cudaBinary != "ptx")
    return fail("unknown --cuda-binary '" + cudaBinary +
                "' (expected auto, cubin or ptx)");
  // The lowerings are the hopfield.mha lowering attribute's values.
  if (mhaLowering != "auto" && !hopfield::symbolizeMhaLowering(mhaLowering))
    return fail("unknown --mha-lowering '" + mhaLowering +
                "' (expected auto, materialize, bias or concat)");
  SmallVector<int64_t> tiles;
  std::string tileError;
  if (!tileSizes.empty() && failed(parseTileSizes(tileSizes, tiles, tileError)))
    return fail(tileError);
  std::string output = outputPath;
  if (output.empty()) {
    if (!isTextStage(emit))
      return fail("-o OUT is required for the " +
                  Twine(emit.empty() ? "artifact" : "obj") + " stage");
    output = "-";
  }

  DialectRegistry registry;
  hopfield::registerAllDialects(registry);
  MLIRContext context(registry);

  hopfield::ImportOptions importOptions;
  // bf16/f16: f32 tensors and arithmetic, the association's operands
  // rounded to that type on the tensor cores.
  importOptions.precision = tensorCorePrecision ? "f32" : precision.getValue();
  importOptions.warningHandler = [](StringRef message) {
    llvm::errs() << "hopfield-compile: warning: " << message << "\n";
  };
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      hopfield::importModel(inputPath, importOptions, context);
  if (!module)
    return fail(llvm::toString(module.takeError()));

  if (emit == "mlir-input")
    return failed(writeModule(**module, output)) ? 1 : 0;

  hopfield::CompileOptions compileOptions;
  compileOptions.target = target;
  compileOptions.precision = precision;
  compileOptions.tileSizes = tiles;
  compileOptions.emit = emit;
  compileOptions.mhaLowering = mhaLowering;
  compileOptions.cudaArch = cudaArch;
  compileOptions.cudaBinary = cudaBinary;
  compileOptions.outputPath = output;
  ScopedDiagnosticHandler handler(&context, printDiagnostic);
  if (failed(hopfield::compileModule(**module, compileOptions))) {
    if (!printedError)
      return fail("compiling '" + inputPath + "' failed");
    return 1;
  }
  return 0;
}
