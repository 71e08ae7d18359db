//===- hopfield-opt.cpp - mlir-opt for the hopfield dialect ---------------===//

#include "tools/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::hopfield::registerAllDialects(registry);
  mlir::hopfield::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "hopfield optimizer driver\n", registry));
}
