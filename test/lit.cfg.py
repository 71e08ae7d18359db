# -*- Python -*-
# lit configuration of the hopfield test suite (test/Dialect, test/Passes, ...).

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "HOPFIELD"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "unit", "lib"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hopfield_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%hopfield_src_root", config.hopfield_src_root))
config.substitutions.append(("%hopfield_obj_root", config.hopfield_obj_root))

llvm_config.use_default_substitutions()
llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
# Captured FileCheck variables do not leak across CHECK-LABEL blocks.
config.environment["FILECHECK_OPTS"] = "-enable-var-scope"

tool_dirs = [config.hopfield_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(
    ["hopfield-opt", "hopfield-compile", "hopfield-run", "hopfield-reference"],
    tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.hopfield_tools_dir, append_path=True)
