//===- ImportContext.h - state shared by the node emitters ------*- C++ -*-===//
//
// The emitters of each op family (EmitHopfield.cpp, EmitLinear.cpp,
// EmitLayerNorm.cpp) read a node's inputs, weights and shapes and emit IR
// through this context; it owns the value table, the dimension table, the
// weight files and the steps results of the function being built.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_IMPORTCONTEXT_H
#define FRONTEND_IMPORTCONTEXT_H

#include "frontend/ModelDescription.h"
#include "frontend/ShapeTable.h"
#include "frontend/WeightStore.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::hopfield {

/// A value of the model (an input or a node result).
struct ModelValue {
  Value value;
  DimList shape;
  /// True for i1 masks (bool and uint8 inputs).
  bool isMask = false;
};

/// A node input: its role, the value name it refers to, and the value.
struct NodeInput {
  std::string role;
  std::string valueName;
  const ModelValue *value = nullptr;
  const ShapeTable *shapes = nullptr;

  explicit operator bool() const { return value != nullptr; }
  int64_t rank() const { return value->shape.size(); }
  /// Dimension `i`, resolved (static when the model fixes it).
  Dim dim(int64_t i) const { return shapes->resolve(value->shape[i]); }
};

/// A weight a node expects: its state_dict name, shape and why that shape.
struct WeightSpec {
  std::string name;
  SmallVector<int64_t> shape;
  std::string because;
};

/// A run-time input dimension that the model fixes to a static size.
struct BoundDim {
  Dim dim;
  /// Which node and what made it static ("node 'h' (the batch size B)").
  std::string reason;
};

/// One `steps` result of the function: per-head softmax evaluations of a
/// Hopfield module.
struct StepsResult {
  /// The result name ("h:steps", "dec:steps_self").
  std::string name;
  /// The module it counts for, as the runtime names it ("h", "dec.self").
  std::string node;
  Value steps;
  int64_t heads;
  /// (B, H, L, S, D, E) of the node's association, for FLOP counts.
  DimList attention;
};

class ImportContext {
public:
  ImportContext(const ModelDescription &model, ImportDiagnostics &diag,
                OpBuilder &builder, Type floatType);

  MLIRContext *getContext() { return builder.getContext(); }
  OpBuilder &getBuilder() { return builder; }
  /// The element type of every float tensor (the compile precision).
  Type getFloatType() { return floatType; }
  ShapeTable &getShapes() { return shapes; }
  ImportDiagnostics &getDiag() { return diag; }
  /// The location of a node's ops: its name, inside the model file.
  Location getLoc(const ModelNode &node);

  /// Binds `name` (an input, a node or "node:result").
  void define(StringRef name, ModelValue value);
  /// The value named `name`, or nullptr.
  const ModelValue *lookup(StringRef name) const;

  /// Fails on a role of `node` that is not in `known`.
  LogicalResult checkRoles(const ModelNode &node, ArrayRef<StringRef> known);
  /// The input bound to `role`. An absent optional role gives an empty
  /// NodeInput; an absent required role or an unknown value name fails.
  FailureOr<NodeInput> getInput(const ModelNode &node, StringRef role,
                                bool required);
  /// The one float input (role `input`, any rank) of a single-input op;
  /// other roles are errors.
  FailureOr<NodeInput> getSingleFloatInput(const ModelNode &node);
  /// Checks that `input` is a float tensor (or a mask when `mask`) of one of
  /// the ranks in `ranks` (any rank when `ranks` is empty); `layout` says
  /// what was expected.
  LogicalResult expectKind(const ModelNode &node, const NodeInput &input,
                           bool mask, ArrayRef<int64_t> ranks,
                           StringRef layout);

  /// Makes dimension `ia` of `a` and `ib` of `b` one dimension; `meaning`
  /// says what they are ("the batch size B").
  LogicalResult unifyDims(const ModelNode &node, StringRef meaning,
                          const NodeInput &a, int64_t ia, const NodeInput &b,
                          int64_t ib);
  /// Checks that dimension `i` of `input` is the static `expected` (a
  /// run-time dimension is bound to it); `because` explains it
  /// ("in_features").
  LogicalResult expectDim(const ModelNode &node, const NodeInput &input,
                          int64_t i, int64_t expected, const Twine &because);
  /// "'role' (value 'x', shape [x.0,4,8])" for messages.
  std::string describe(const NodeInput &input);

  /// Fails on a weight of `node` whose name is not in `known`; `why` is
  /// added to the message.
  LogicalResult checkWeightNames(const ModelNode &node,
                                 ArrayRef<StringRef> known, const Twine &why);
  /// Checks a node's weights against the expected set: an unknown name, or
  /// a missing one, is an error naming it (and the shape expected). Names in
  /// `ignored` are accepted without being read.
  LogicalResult checkWeightSet(const ModelNode &node,
                               ArrayRef<WeightSpec> expected,
                               ArrayRef<std::string> ignored);
  /// Loads weight `name` of `node`, checks that it is a float tensor of shape
  /// `expected` (`because` explains the expectation) and emits it as an
  /// `arith.constant` in the compile precision. With `transpose`, a 2-D
  /// weight is emitted transposed. `rowCount` >= 0 emits only rows
  /// [rowBegin, rowBegin + rowCount) of dimension 0 (a block of a packed
  /// weight).
  FailureOr<Value> emitWeight(const ModelNode &node, StringRef name,
                              ArrayRef<int64_t> expected, const Twine &because,
                              bool transpose = false, int64_t rowBegin = 0,
                              int64_t rowCount = -1);
  FailureOr<Value> emitWeight(const ModelNode &node, const WeightSpec &spec,
                              bool transpose = false, int64_t rowBegin = 0,
                              int64_t rowCount = -1) {
    return emitWeight(node, spec.name, spec.shape, spec.because, transpose,
                      rowBegin, rowCount);
  }

  /// True when a model output or a node input names `valueName`.
  bool isReferenced(StringRef valueName) const;

  /// The run-time dimensions bound to static sizes so far, with the reason.
  ArrayRef<BoundDim> getBoundDims() const { return boundDims; }

  /// Records the steps result of a Hopfield module of `node`; `part` names
  /// the module in nodes with several ("self" -> "node:steps_self",
  /// runtime name "node.self").
  void addStepsResult(const ModelNode &node, StringRef part, Value steps,
                      int64_t heads, DimList attention);
  ArrayRef<StepsResult> getStepsResults() const { return stepsResults; }

private:
  const ModelDescription &model;
  ImportDiagnostics &diag;
  OpBuilder &builder;
  Type floatType;
  ShapeTable shapes;
  WeightStore weights;
  llvm::StringMap<ModelValue> values;
  SmallVector<StepsResult> stepsResults;
  SmallVector<BoundDim> boundDims;

  /// Unifies `a` and `b`, recording a binding made by it.
  bool unifyAndRecord(const ModelNode &node, StringRef meaning, Dim a, Dim b);
};

} // namespace mlir::hopfield

#endif // FRONTEND_IMPORTCONTEXT_H
