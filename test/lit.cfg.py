# -*- Python -*-
# lit configuration of the hopfield test suite (test/Dialect, test/Passes, ...).

import os
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "HOPFIELD"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "unit", "lib",
                   "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hopfield_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%hopfield_src_root", config.hopfield_src_root))
config.substitutions.append(("%hopfield_obj_root", config.hopfield_obj_root))


def find_torch_python():
    """A Python 3 that has torch: the first of /usr/bin/python3 (Debian's
    python3-torch), lit's own Python and python3 on PATH that has it; None
    when none does."""
    import shutil
    import subprocess
    candidates = ["/usr/bin/python3", sys.executable, shutil.which("python3")]
    probe = ("import importlib.util, sys; "
             "sys.exit(importlib.util.find_spec('torch') is None)")
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            if subprocess.call([candidate, "-c", probe],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) == 0:
                return candidate
    return None


# %torch_python: a Python with torch for the tools/hflayers_export.py tests.
# Without one, tests that use it fail (never skip) and say what to install.
torch_python = find_torch_python()
if torch_python:
    config.substitutions.append(("%torch_python", torch_python))
else:
    lit_config.note("no Python 3 with torch found: the export tests will "
                    "fail (apt-get install python3-torch)")
    message = ("error: no Python 3 with torch found (tried /usr/bin/python3, "
               "the Python running lit and python3 on PATH); install "
               "python3-torch")
    config.substitutions.append((
        "%torch_python",
        "\"%s\" -c \"import sys; sys.exit('%s')\"" % (sys.executable,
                                                         message)))

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

# GPU features. `ptxas`: the CUDA toolkit's assembler, which checks the PTX
# the cuda target emits (%ptxas). `cuda-device`: a CUDA driver with a device,
# for the tests that run CUDA artifacts; without one they are reported
# UNSUPPORTED (skipped), never passed.
def find_ptxas():
    import shutil
    for candidate in (shutil.which("ptxas"), "/usr/local/cuda/bin/ptxas"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def has_cuda_device():
    import ctypes
    try:
        driver = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int(0)
        return (driver.cuInit(0) == 0 and
                driver.cuDeviceGetCount(ctypes.byref(count)) == 0 and
                count.value > 0)
    except OSError:
        return False


ptxas = find_ptxas()
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
if has_cuda_device():
    config.available_features.add("cuda-device")
else:
    lit_config.note("no CUDA driver or device: the GPU execution tests are "
                    "skipped (UNSUPPORTED)")
