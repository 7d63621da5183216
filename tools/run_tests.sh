#!/usr/bin/env bash
# Installs, builds and runs every test: C++ doctest and compile-fail tests through ctest, the
# installed package used from another CMake project (tests/package), then pytest on the installed
# Python package. With ../shared/data present, also checks the importers reproduce factors/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

./tools/bootstrap.sh

jobs=$(nproc 2>/dev/null || echo 2)
build="$root/build/ci"
prefix="$root/build/ci-install"
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

echo "== C++ build and tests (warnings as errors: $werror)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGHGKIT_BUILD_PYTHON=OFF \
  -DGHGKIT_WARNINGS_AS_ERRORS="$werror" -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

echo "== installed package consumed with find_package(ghgkit)"
rm -rf "$prefix"
cmake --install "$build"
cmake -S tests/package -B "$build/package" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_COMPILE_WARNING_AS_ERROR="$werror"
cmake --build "$build/package"
ctest --test-dir "$build/package" --output-on-failure

echo "== Python package and tests"
python3 -m pip install -q .
python3 -m ghgkit.cli factors validate "$root/factors"
if [ -d "$root/../shared/data" ]; then
  echo "== importers reproduce factors/ from ../shared/data"
  python3 tools/importers/run_all.py --check
fi
echo "== stubs of ghgkit._core match the installed module; mypy --strict on the package and the examples"
python3 tools/stubs.py --check
python3 -m mypy
# Files a CI job keeps (the HTML report's screenshot in headless Chromium, tests/python/test_report_html.py).
export GHGKIT_ARTIFACTS="${GHGKIT_ARTIFACTS:-$root/build/artifacts}"
mkdir -p "$GHGKIT_ARTIFACTS"
echo "== pytest (artifacts in $GHGKIT_ARTIFACTS)"
set +e
(cd "$build" && python3 -m pytest "$root/tests/python" -p no:cacheprovider)
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
