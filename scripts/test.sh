#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: Debian packages, a debug build, then every test.
# Integration tests start the real lienthong and lienthong-axis binaries on loopback, so build them first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build --build-tests
swift test --skip-build "$@"
