//===- TensorCoreBuffers.cpp - operand buffers of the tensor-core kernels -===//

#include "codegen/TensorCoreBuffers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::hopfield;

namespace {

void materializeIn(OpBuilder &b, Location loc, Value tensor, Value buffer) {
  auto copy = bufferization::MaterializeInDestinationOp::create(
      b, loc, TypeRange(), tensor, buffer);
  copy.setRestrict(true);
  copy.setWritable(true);
}

} // namespace

Value mlir::hopfield::roundedBuffer(OpBuilder &b, Location loc, Value tensor,
                                    Type type) {
  auto source = cast<RankedTensorType>(tensor.getType());
  auto bufferType = MemRefType::get(source.getShape(), type);
  Value buffer = memref::AllocOp::create(b, loc, bufferType);
  Value init = bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(source.getShape(), type), buffer,
      /*restrict=*/true, /*writable=*/true);
  AffineMap identity = b.getMultiDimIdentityMap(source.getRank());
  SmallVector<utils::IteratorType> parallel(source.getRank(),
                                            utils::IteratorType::parallel);
  Value rounded =
      linalg::GenericOp::create(
          b, loc, init.getType(), ValueRange{tensor}, ValueRange{init},
          ArrayRef<AffineMap>{identity, identity}, parallel,
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            Value x = arith::TruncFOp::create(nested, nestedLoc, type, args[0]);
            linalg::YieldOp::create(nested, nestedLoc, x);
          })
          .getResult(0);
  // Keeps the result alive; bufferizes to nothing (it is already there).
  materializeIn(b, loc, rounded, buffer);
  return buffer;
}

Value mlir::hopfield::copiedBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  Value buffer = memref::AllocOp::create(
      b, loc, MemRefType::get(type.getShape(), type.getElementType()));
  materializeIn(b, loc, tensor, buffer);
  return buffer;
}

Value mlir::hopfield::resultBuffer(OpBuilder &b, Location loc,
                                   Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return memref::AllocOp::create(
      b, loc, MemRefType::get(type.getShape(), type.getElementType()));
}

Value mlir::hopfield::resultTensor(OpBuilder &b, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  return bufferization::ToTensorOp::create(
      b, loc, RankedTensorType::get(type.getShape(), type.getElementType()),
      buffer, /*restrict=*/true, /*writable=*/true);
}

Value RoundedBuffers::get(Value tensor) {
  if (Value buffer = buffers.lookup(tensor))
    return buffer;
  OpBuilder b(tensor.getContext());
  if (Operation *def = tensor.getDefiningOp())
    b.setInsertionPointAfter(def);
  else
    b.setInsertionPointToStart(cast<BlockArgument>(tensor).getOwner());
  Value buffer = roundedBuffer(b, tensor.getLoc(), tensor, operandType);
  buffers[tensor] = buffer;
  return buffer;
}
