//===- ObjectEmission.cpp - LLVM dialect to a shared library --------------===//

#include "codegen/ObjectEmission.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace mlir;
using namespace mlir::hopfield;

#ifndef HOPFIELD_LLVM_TOOLS_DIR
#define HOPFIELD_LLVM_TOOLS_DIR "/usr/lib/llvm-22/bin"
#endif
#ifndef HOPFIELD_LLVM_LIBRARY_DIR
#define HOPFIELD_LLVM_LIBRARY_DIR "/usr/lib/llvm-22/lib"
#endif

FailureOr<std::unique_ptr<llvm::TargetMachine>>
mlir::hopfield::createHostTargetMachine() {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return failure();
  llvm::SubtargetFeatures features;
  for (const auto &[feature, enabled] : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature, enabled);
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features.getString(), options,
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return failure();
  return machine;
}

FailureOr<std::unique_ptr<llvm::Module>> mlir::hopfield::translateWithArtifactAbi(
    ModuleOp module, llvm::LLVMContext &llvmContext, StringRef entryFunction,
    unsigned numArguments, StringRef manifest, StringRef modelRunSymbol,
    llvm::TargetMachine &machine) {
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  registerOpenMPDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "hopfield_artifact");
  if (!llvmModule)
    return module.emitError("translation to LLVM IR failed");
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());

  std::string ciface = ("_mlir_ciface_" + entryFunction).str();
  llvm::Function *entry = llvmModule->getFunction(ciface);
  if (!entry || entry->arg_size() != numArguments)
    return module.emitError() << "no C interface '" << ciface << "' with "
                              << numArguments << " arguments";

  llvm::IRBuilder<> builder(llvmContext);
  llvm::Type *ptr = builder.getPtrTy();

  // const char *hopfield_artifact_manifest(void)
  auto *manifestFn = llvm::Function::Create(
      llvm::FunctionType::get(ptr, false), llvm::GlobalValue::ExternalLinkage,
      "hopfield_artifact_manifest", *llvmModule);
  builder.SetInsertPoint(
      llvm::BasicBlock::Create(llvmContext, "entry", manifestFn));
  builder.CreateRet(
      builder.CreateGlobalString(manifest, "hopfield_manifest_text"));

  // void hopfield_artifact_run(void **descriptors)
  auto *runFn = llvm::Function::Create(
      llvm::FunctionType::get(builder.getVoidTy(), {ptr}, false),
      llvm::GlobalValue::ExternalLinkage, "hopfield_artifact_run", *llvmModule);
  builder.SetInsertPoint(llvm::BasicBlock::Create(llvmContext, "entry", runFn));
  SmallVector<llvm::Value *> args;
  for (unsigned i = 0; i < numArguments; ++i) {
    llvm::Value *slot =
        builder.CreateConstInBoundsGEP1_64(ptr, runFn->getArg(0), i);
    args.push_back(builder.CreateLoad(ptr, slot));
  }
  builder.CreateCall(entry, args);
  builder.CreateRetVoid();

  // `<model>_artifact_run`: the same entry under a per-model name, so that
  // several artifacts can be linked into one program ahead of time.
  auto *modelRunFn = llvm::Function::Create(
      runFn->getFunctionType(), llvm::GlobalValue::ExternalLinkage,
      modelRunSymbol, *llvmModule);
  builder.SetInsertPoint(
      llvm::BasicBlock::Create(llvmContext, "entry", modelRunFn));
  builder.CreateCall(runFn, {modelRunFn->getArg(0)});
  builder.CreateRetVoid();

  // Only the ABI is exported: the model's own functions and globals must
  // neither clash with nor be replaced by symbols of the program that loads
  // or links the artifact.
  for (llvm::Function &function : *llvmModule)
    if (!function.isDeclaration() && &function != manifestFn &&
        &function != runFn && &function != modelRunFn)
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  // (llvm.global_ctors / _dtors, which load and unload a CUDA artifact's
  // kernels, keep their appending linkage.)
  for (llvm::GlobalVariable &global : llvmModule->globals())
    if (!global.isDeclaration() && !global.hasAppendingLinkage())
      global.setLinkage(llvm::GlobalValue::InternalLinkage);
  return llvmModule;
}

void mlir::hopfield::optimizeModule(llvm::Module &module,
                                    llvm::TargetMachine &machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  mpm.run(module, mam);
}

FailureOr<std::string> mlir::hopfield::emitObject(llvm::Module &module,
                                                  llvm::TargetMachine &machine,
                                                  Location loc) {
  SmallVector<char, 0> object;
  llvm::raw_svector_ostream stream(object);
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, stream, nullptr,
                                  llvm::CodeGenFileType::ObjectFile))
    return emitError(loc, "the host target cannot emit object files");
  pm.run(module);
  return std::string(object.begin(), object.end());
}

LogicalResult mlir::hopfield::linkSharedLibrary(StringRef object,
                                                StringRef outputPath,
                                                Location loc) {
  SmallString<128> objectPath;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("hopfield-artifact", "o", fd,
                                         objectPath))
    return emitError(loc, "cannot create a temporary object file");
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << object;
  }
  llvm::FileRemover removeObject(objectPath);

  std::string clang = HOPFIELD_LLVM_TOOLS_DIR "/clang";
  if (!llvm::sys::fs::can_execute(clang)) {
    auto found = llvm::sys::findProgramByName("clang-22");
    if (!found)
      return emitError(loc, "cannot link: no clang at " + clang +
                                " nor clang-22 on PATH (install clang-22)");
    clang = *found;
  }
  std::string rpath = "-Wl,-rpath," HOPFIELD_LLVM_LIBRARY_DIR;
  SmallVector<StringRef> args = {clang,
                                 "-shared",
                                 "-o",
                                 outputPath,
                                 objectPath,
                                 "-L" HOPFIELD_LLVM_LIBRARY_DIR,
                                 rpath,
                                 "-Wl,--as-needed",
                                 "-lomp",
                                 "-lm"};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(clang, args, std::nullopt, {}, 0, 0,
                                         &message);
  if (status != 0)
    return emitError(loc) << "linking '" << outputPath << "' failed (" << clang
                          << " exited with " << status
                          << (message.empty() ? "" : ": " + message) << ")";
  return success();
}
