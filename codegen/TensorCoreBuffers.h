//===- TensorCoreBuffers.h - operand buffers of the tensor-core kernels -*-===//
//
// The tensor-core kernels read buffers, not tensors: each operand is rounded
// to bf16/f16 (or copied) into a buffer of its own by tensor code that
// bufferizes into it, and each result is a fresh buffer seen as a tensor
// again. (A bufferization.to_buffer of a tensor would be no use: the
// analysis does not see the kernel's later reads through it and may let
// another op write into the same buffer first.)
//
//===----------------------------------------------------------------------===//

#ifndef CODEGEN_TENSORCOREBUFFERS_H
#define CODEGEN_TENSORCOREBUFFERS_H

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::hopfield {

/// A buffer of its own holding `tensor` rounded to `type` (an elementwise
/// linalg.generic, a kernel of the generic path, writes it).
Value roundedBuffer(OpBuilder &b, Location loc, Value tensor, Type type);

/// A buffer of its own holding `tensor`.
Value copiedBuffer(OpBuilder &b, Location loc, Value tensor);

/// A fresh f32-or-other buffer of `type`'s shape for a kernel result, and
/// the tensor it becomes after the launch.
Value resultBuffer(OpBuilder &b, Location loc, Type tensorType);
Value resultTensor(OpBuilder &b, Location loc, Value buffer);

/// Rounded buffers made once per tensor, right after its definition, so
/// that every kernel reading the tensor (the keys of each update step)
/// shares one.
class RoundedBuffers {
public:
  explicit RoundedBuffers(Type operandType) : operandType(operandType) {}
  Value get(Value tensor);
  Type operands() const { return operandType; }

private:
  Type operandType;
  llvm::DenseMap<Value, Value> buffers;
};

} // namespace mlir::hopfield

#endif // CODEGEN_TENSORCOREBUFFERS_H
