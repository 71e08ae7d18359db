//===- ObjectEmission.h - LLVM dialect to a shared library ------*- C++ -*-===//
//
// The last stage of the CPU path: translate the LLVM-dialect module to LLVM
// IR, add the artifact ABI symbols (manifest and `hopfield_artifact_run`),
// optimise at O3 for the host CPU, emit an object in-process and link it
// into one shared library.
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_OBJECTEMISSION_H
#define CODEGEN_OBJECTEMISSION_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::hopfield {

/// A TargetMachine for the host CPU (name and features of this machine).
FailureOr<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine();

/// Translates `module` (LLVM dialect) to LLVM IR and adds the artifact ABI:
/// `hopfield_artifact_manifest()` returning `manifest`, and
/// `hopfield_artifact_run(void **)` calling the C interface of
/// `entryFunction` with one descriptor pointer per argument, and the same
/// entry as `modelRunSymbol`. Everything else gets internal linkage.
FailureOr<std::unique_ptr<llvm::Module>>
translateWithArtifactAbi(ModuleOp module, llvm::LLVMContext &llvmContext,
                         StringRef entryFunction, unsigned numArguments,
                         StringRef manifest, StringRef modelRunSymbol,
                         llvm::TargetMachine &machine);

/// Runs the O3 pipeline on `module` for `machine`.
void optimizeModule(llvm::Module &module, llvm::TargetMachine &machine);

/// The object file for `module`.
FailureOr<std::string> emitObject(llvm::Module &module,
                                  llvm::TargetMachine &machine, Location loc);

/// Links `object` into the shared library `outputPath` (with the OpenMP
/// runtime and libm).
LogicalResult linkSharedLibrary(StringRef object, StringRef outputPath,
                                Location loc);

} // namespace mlir::hopfield

#endif // CODEGEN_OBJECTEMISSION_H
