# The two commands a user types:
#   make demo   build, then run the furthest the pipeline goes on the bundled example
#   make test   build, then run every test suite and print a summary
# Both install missing Debian packages first when run as root.

BUILD_DIR ?= build
PACKAGES := llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 \
            nlohmann-json3-dev cmake ninja-build libgtest-dev python3 \
            libomp-22-dev libopenblas-dev python3-torch

.PHONY: all demo test deps configure build clean

all: build

deps:
	@./tools/install-deps.sh $(PACKAGES)

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR)

demo: build
	@./examples/run-demo.sh $(BUILD_DIR)

test: build
	@./test/run-all.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
