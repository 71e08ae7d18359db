//===- HopfieldDialect.cpp - hopfield dialect registration ----------------===//

#include "dialect/HopfieldDialect.h"
#include "dialect/HopfieldOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::hopfield;

#include "dialect/HopfieldDialect.cpp.inc"
#include "dialect/HopfieldEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/HopfieldAttrs.cpp.inc"

void HopfieldDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialect/HopfieldAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialect/HopfieldOps.cpp.inc"
      >();
}
