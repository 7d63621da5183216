#!/usr/bin/env bash
# Installs what building ghgkit needs on a Debian/Ubuntu machine: a C++20 compiler, CMake, Ninja,
# fmt, yaml-cpp, Boost (headers), doctest, Debian's iso-codes (for the region importer), the Python
# build and test tools, and airportsdata (read by tools/importers/airports.py only, never by the
# library; it needs Python 3.11+, so older Pythons skip it). Safe to run again: it installs only what
# is missing.
set -euo pipefail

packages=(g++ cmake ninja-build libfmt-dev libyaml-cpp-dev libboost-dev doctest-dev iso-codes python3-pip chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

python3 -m pip install -q --upgrade "pip>=23" "scikit-build-core>=0.10" "pybind11==3.1.0" \
  "pytest>=7" "pyyaml>=6" "hypothesis>=6" "jsonschema>=4.18" "cmake>=3.21" "ninja" \
  "numpy>=1.21" "pyarrow>=15" "pandas>=2" "polars>=0.20" \
  "airportsdata==20260905; python_version >= '3.11'"
# The typing checks (tools/stubs.py --check, mypy): exact versions, as another version writes or judges the
# stubs differently (tools/stubs.py holds the same pybind11-stubgen pin).
python3 -m pip install -q "pybind11-stubgen==3.0.0" "mypy==2.4.1"
# Plots and the tutorial notebook, executed by tests/python/test_notebook.py (extras `plot` and `notebook`).
python3 -m pip install -q "matplotlib>=3.7" "nbclient>=0.7" "nbformat>=5.7" "ipykernel>=6"
