//===- ShapeTable.h - static and run-time dimensions ------------*- C++ -*-===//
//
// Tracks the dimensions of every value of a model. A dimension is a static
// size or a run-time symbol; symbols that must be equal are unified
// (union-find) and share the name of the first input dimension carrying
// them ("<input>.<dim>", frontend/README.md). A symbol that must equal a
// static size is bound to it: the model fixes that dimension.
//
//===----------------------------------------------------------------------===//

#ifndef FRONTEND_SHAPETABLE_H
#define FRONTEND_SHAPETABLE_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::hopfield {

/// One dimension: a static size (`symbol < 0`) or a run-time symbol.
struct Dim {
  int64_t size = 0;
  int symbol = -1;

  static Dim fixed(int64_t size) { return Dim{size, -1}; }
  bool isStatic() const { return symbol < 0; }
  /// The size for an MLIR type: the static size or ShapedType::kDynamic.
  int64_t typeSize() const { return isStatic() ? size : ShapedType::kDynamic; }
};

using DimList = SmallVector<Dim, 4>;

class ShapeTable {
public:
  /// A new run-time dimension named `name` ("x.0"). Symbols created earlier
  /// give their name to the classes they join.
  Dim newSymbol(std::string name);

  /// Records that `a` and `b` are the same dimension: two static sizes must
  /// be equal, two symbols are merged, a symbol and a static size bind the
  /// symbol's class to the size. Fails when the sizes (bound or static)
  /// differ.
  bool unify(Dim a, Dim b);

  /// `dim` with its class resolved: static when the class is bound.
  Dim resolve(Dim dim) const;
  /// True when `a` and `b` are symbols of one class.
  bool sameClass(Dim a, Dim b) const {
    return !a.isStatic() && !b.isStatic() && find(a.symbol) == find(b.symbol);
  }
  /// True when `dim` is a symbol whose class is bound to a static size.
  bool isBound(Dim dim) const {
    return !dim.isStatic() && resolve(dim).isStatic();
  }

  /// "16", or the name of the symbol's class ("x.0").
  std::string name(Dim dim) const;
  /// "[x.0,16,8]".
  std::string format(ArrayRef<Dim> dims) const;
  /// The `hopfield.shape` entry of a dimension: an i64 or a string.
  Attribute toAttr(Dim dim, MLIRContext *context) const;
  /// The `hopfield.shape` attribute of a whole shape.
  Attribute toShapeAttr(ArrayRef<Dim> dims, MLIRContext *context) const;

private:
  int find(int symbol) const;

  mutable std::vector<int> parent;
  std::vector<std::string> names;
  /// The static size of a class (kept at its root), if bound.
  std::vector<std::optional<int64_t>> bound;
};

} // namespace mlir::hopfield

#endif // FRONTEND_SHAPETABLE_H
