#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: Debian packages, a debug build, then every test.
# Integration tests start the real lienthong and lienthong-axis binaries on loopback, so build them first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build --build-tests
# Serial: the integration tests drive real processes for tens of seconds, and timing-sensitive async tests beside
# them on a two-core machine would only measure the contention (the whole run takes about two minutes either way).
swift test --skip-build --no-parallel "$@"
