//===- DestinationAbi.cpp - the artifact calling convention ---------------===//
//
// The frontend's entry point takes and returns tensors. The artifact ABI
// (runtime/README.md) passes every input and output as a memref descriptor
// owned by the caller, so the entry point becomes
//
//   func @forward(%in: memref<...>, ..., %out: memref<...>, ...)
//     %t = bufferization.to_tensor %in restrict
//     ...
//     bufferization.materialize_in_destination %r in restrict writable %out
//
// and one-shot bufferization then writes results straight into the
// caller's buffers.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::hopfield {
#define GEN_PASS_DEF_HOPFIELDDESTINATIONABIPASS
#include "codegen/Passes.h.inc"
} // namespace mlir::hopfield

using namespace mlir;
using namespace mlir::hopfield;

namespace {

bool isModelEntry(func::FuncOp func) {
  return func.getNumArguments() > 0 && func.getArgAttr(0, "hopfield.name");
}

LogicalResult rewriteEntry(func::FuncOp func) {
  if (func.isExternal())
    return success();
  Block &entry = func.getBody().front();
  OpBuilder b(func.getContext());
  b.setInsertionPointToStart(&entry);
  Location loc = func.getLoc();

  auto memrefOf = [&](Type type, StringRef what) -> FailureOr<MemRefType> {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor) {
      func.emitError() << "hopfield-destination-abi: " << what
                       << " of type " << type << " is not a ranked tensor";
      return failure();
    }
    return MemRefType::get(tensor.getShape(), tensor.getElementType());
  };

  SmallVector<Type> inputs;
  for (BlockArgument arg : entry.getArguments()) {
    auto tensorType = arg.getType();
    FailureOr<MemRefType> type = memrefOf(tensorType, "an argument");
    if (failed(type))
      return failure();
    arg.setType(*type);
    auto toTensor = bufferization::ToTensorOp::create(
        b, loc, tensorType, arg, /*restrict=*/true, /*writable=*/false);
    arg.replaceAllUsesExcept(toTensor.getResult(), toTensor);
    inputs.push_back(*type);
  }

  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  SmallVector<Type> outputs;
  b.setInsertionPoint(ret);
  for (Value result : ret.getOperands()) {
    FailureOr<MemRefType> type = memrefOf(result.getType(), "a result");
    if (failed(type))
      return failure();
    BlockArgument out = entry.addArgument(*type, loc);
    auto store = bufferization::MaterializeInDestinationOp::create(
        b, loc, result, out);
    store.setRestrict(true);
    store.setWritable(true);
    outputs.push_back(*type);
  }
  func::ReturnOp::create(b, loc);
  ret.erase();

  // The hopfield.* interface attributes have been read into the manifest
  // (codegen/EntryInterface.h) by now; LLVM translation knows none of them.
  SmallVector<Type> allArgs(inputs);
  allArgs.append(outputs.begin(), outputs.end());
  func.setType(FunctionType::get(func.getContext(), allArgs, {}));
  func.setAllArgAttrs(ArrayRef<DictionaryAttr>{});
  func.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
  func->setAttr("llvm.emit_c_interface", UnitAttr::get(func.getContext()));
  return success();
}

struct HopfieldDestinationAbiPass
    : mlir::hopfield::impl::HopfieldDestinationAbiPassBase<HopfieldDestinationAbiPass> {
  using Base::Base;
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (isModelEntry(func) && failed(rewriteEntry(func)))
        return signalPassFailure();
  }
};

} // namespace
