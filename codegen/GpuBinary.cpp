//===- GpuBinary.cpp - kernel PTX assembled by ptxas ----------------------===//
//
// gpu-module-to-binary leaves each kernel module as PTX, which the driver
// compiles when the artifact loads. With ptxas (CUDA toolkit) at hand, each
// module is assembled into a cubin for the target architecture instead:
// nothing is compiled at load time, and ptxas checks the kernels at build
// time. The gpu.binary objects are replaced by the cubins, so the artifact's
// constructor loads them with mgpuModuleLoad instead of mgpuModuleLoadJIT.
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuPipeline.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

std::optional<std::string> mlir::hopfield::findPtxas() {
  for (const char *dir : {"", "/usr/local/cuda/bin"}) {
    llvm::ErrorOr<std::string> path =
        *dir ? llvm::sys::findProgramByName("ptxas", {dir})
             : llvm::sys::findProgramByName("ptxas");
    if (path)
      return *path;
  }
  return std::nullopt;
}

/// PTX text -> cubin bytes with `ptxas -arch=chip`; the error in `message`.
static FailureOr<std::string> assemble(StringRef ptxas, StringRef chip,
                                       StringRef ptx, std::string &message) {
  SmallString<128> input, output, log;
  if (llvm::sys::fs::createTemporaryFile("hopfield-kernel", "ptx", input) ||
      llvm::sys::fs::createTemporaryFile("hopfield-kernel", "cubin", output) ||
      llvm::sys::fs::createTemporaryFile("hopfield-ptxas", "log", log)) {
    message = "cannot create temporary files for ptxas";
    return failure();
  }
  auto cleanup = llvm::make_scope_exit([&] {
    llvm::sys::fs::remove(input);
    llvm::sys::fs::remove(output);
    llvm::sys::fs::remove(log);
  });
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(input, ec);
    if (ec) {
      message = "cannot write " + input.str().str();
      return failure();
    }
    os << ptx;
  }
  std::string arch = ("-arch=" + chip).str();
  SmallVector<StringRef> args = {ptxas, arch, input, "-o", output};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log),
                                          StringRef(log)};
  int status = llvm::sys::ExecuteAndWait(ptxas, args, std::nullopt, redirects);
  if (status != 0) {
    auto text = llvm::MemoryBuffer::getFile(log);
    message = ("ptxas " + arch + " failed: " +
               (text ? (*text)->getBuffer().trim() : StringRef("no output")))
                  .str();
    return failure();
  }
  auto cubin = llvm::MemoryBuffer::getFile(output, /*IsText=*/false);
  if (!cubin) {
    message = "ptxas wrote no " + output.str().str();
    return failure();
  }
  return (*cubin)->getBuffer().str();
}

LogicalResult mlir::hopfield::assembleKernels(ModuleOp module, StringRef ptxas,
                                              StringRef chip) {
  WalkResult result = module.walk([&](gpu::BinaryOp binary) {
    SmallVector<Attribute> objects;
    for (Attribute attr : binary.getObjects()) {
      auto object = cast<gpu::ObjectAttr>(attr);
      if (object.getFormat() != gpu::CompilationTarget::Assembly) {
        objects.push_back(attr);
        continue;
      }
      std::string message;
      FailureOr<std::string> cubin =
          assemble(ptxas, chip, object.getObject().getValue(), message);
      if (failed(cubin)) {
        binary.emitError() << "kernel module " << binary.getName() << ": "
                           << message;
        return WalkResult::interrupt();
      }
      objects.push_back(gpu::ObjectAttr::get(
          module.getContext(), object.getTarget(),
          gpu::CompilationTarget::Binary,
          StringAttr::get(module.getContext(), *cubin),
          object.getProperties(), object.getKernels()));
    }
    binary.setObjectsAttr(ArrayAttr::get(module.getContext(), objects));
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}
