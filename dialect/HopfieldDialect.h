//===- HopfieldDialect.h - hopfield dialect ---------------------*- C++ -*-===//

#ifndef DIALECT_HOPFIELDDIALECT_H
#define DIALECT_HOPFIELDDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialect/HopfieldDialect.h.inc"

#endif // DIALECT_HOPFIELDDIALECT_H
