//===- HopfieldOps.h - hopfield operations ----------------------*- C++ -*-===//

#ifndef DIALECT_HOPFIELDOPS_H
#define DIALECT_HOPFIELDOPS_H

#include "dialect/HopfieldDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"

#include "dialect/HopfieldEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/HopfieldAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialect/HopfieldOps.h.inc"

#endif // DIALECT_HOPFIELDOPS_H
