#!/usr/bin/env bash
# The demo on a fresh Debian machine: Debian packages, a build, then `lienthong demo` (a local axis and two
# agencies under ./demo/, on loopback). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build --product lienthong
swift build --product lienthong-axis
exec "$(swift build --show-bin-path)/lienthong" demo "$@"
