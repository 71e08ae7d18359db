#!/usr/bin/env bash
# Runs every test suite of a configured build and prints one summary:
#   lit (test/Dialect, test/Passes, ...) and the gtest unit tests (CTest).
# Exit status is non-zero when any test failed.
set -uo pipefail

build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
results="$build/test-results"
mkdir -p "$results"
rm -f "$results"/*.xml

status=0
echo "== lit suites =="
/usr/lib/llvm-22/bin/lit -sv --xunit-xml-output "$results/lit.xml" "$build/test" || status=1

echo "== unit tests (ctest) =="
(cd "$build" && ctest --output-on-failure --output-junit test-results/ctest.xml) || status=1

python3 "$here/summarize.py" "$results/lit.xml" "$results/ctest.xml" || status=1
exit $status
