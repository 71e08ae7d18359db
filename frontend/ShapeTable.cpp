//===- ShapeTable.cpp - static and run-time dimensions --------------------===//

#include "frontend/ShapeTable.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::hopfield;

Dim ShapeTable::newSymbol(std::string name) {
  int symbol = static_cast<int>(parent.size());
  parent.push_back(symbol);
  names.push_back(std::move(name));
  bound.push_back(std::nullopt);
  return Dim{0, symbol};
}

int ShapeTable::find(int symbol) const {
  while (parent[symbol] != symbol) {
    parent[symbol] = parent[parent[symbol]];
    symbol = parent[symbol];
  }
  return symbol;
}

Dim ShapeTable::resolve(Dim dim) const {
  if (dim.isStatic())
    return dim;
  int root = find(dim.symbol);
  if (bound[root])
    return Dim::fixed(*bound[root]);
  return Dim{0, root};
}

bool ShapeTable::unify(Dim a, Dim b) {
  Dim ra = resolve(a), rb = resolve(b);
  if (ra.isStatic() && rb.isStatic())
    return ra.size == rb.size;
  if (ra.isStatic() || rb.isStatic()) {
    // Bind the symbol's class to the static size.
    Dim symbol = ra.isStatic() ? rb : ra;
    bound[symbol.symbol] = ra.isStatic() ? ra.size : rb.size;
    return true;
  }
  // The class keeps the name of its earliest symbol.
  if (ra.symbol < rb.symbol)
    parent[rb.symbol] = ra.symbol;
  else if (rb.symbol < ra.symbol)
    parent[ra.symbol] = rb.symbol;
  return true;
}

std::string ShapeTable::name(Dim dim) const {
  dim = resolve(dim);
  if (dim.isStatic())
    return std::to_string(dim.size);
  return names[dim.symbol];
}

std::string ShapeTable::format(ArrayRef<Dim> dims) const {
  std::string text = "[";
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (i)
      text += ",";
    text += name(dim);
  }
  return text + "]";
}

Attribute ShapeTable::toAttr(Dim dim, MLIRContext *context) const {
  Builder builder(context);
  dim = resolve(dim);
  if (dim.isStatic())
    return builder.getI64IntegerAttr(dim.size);
  return builder.getStringAttr(name(dim));
}

Attribute ShapeTable::toShapeAttr(ArrayRef<Dim> dims,
                                  MLIRContext *context) const {
  SmallVector<Attribute> entries;
  for (Dim dim : dims)
    entries.push_back(toAttr(dim, context));
  return ArrayAttr::get(context, entries);
}
