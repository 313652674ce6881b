#!/usr/bin/env bash
# The throughput benchmark of issue #11: lienthong's real binaries against lienthong-axis on loopback, in a temp
# directory, side by side with an admin's shell script (Benchmarks/baseline/send-folder.sh) and the machine's limits
# measured in the same run. Prints one table and writes it, with the machine, to BENCHMARKS.md.
#   scripts/bench.sh                                  full run (builds release binaries first)
#   BIN=.build/release DOCS=500 CLAIM_FILES=5000 BIG_MIB=256 scripts/bench.sh      quick run, existing binaries
# Knobs: DOCS (burst size, 2000), SINGLE (50) and SINGLE_EVERY (0.2 s), CLAIM_FILES (100000), BIG_MIB (1024),
# SETTLE_MS (1000), POLL_S (inbound poll, 1), TIMEOUT_S (per scenario, 300), LIMIT_S (3), SCENARIOS (which to run,
# default all: burst inbound baseline single big claim limits), LABEL (a line for BENCHMARKS.md), OUT (the
# Markdown file, BENCHMARKS.md; OUT=- writes none), KEEP=1 keeps the temp directory.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOCS=${DOCS:-2000} SINGLE=${SINGLE:-50} SINGLE_EVERY=${SINGLE_EVERY:-0.2} CLAIM_FILES=${CLAIM_FILES:-100000}
BIG_MIB=${BIG_MIB:-1024} SETTLE_MS=${SETTLE_MS:-1000} POLL_S=${POLL_S:-1} TIMEOUT_S=${TIMEOUT_S:-300}
LIMIT_S=${LIMIT_S:-3} SCENARIOS=${SCENARIOS:-burst inbound baseline single big claim limits}
OUT=${OUT:-$ROOT/BENCHMARKS.md}
SETTLE_S=$(awk -v ms="$SETTLE_MS" 'BEGIN { print ms / 1000 }')
export DOCS SINGLE SINGLE_EVERY CLAIM_FILES BIG_MIB SETTLE_MS POLL_S TIMEOUT_S LIMIT_S

missing=()
for tool in inotifywait openssl curl python3 sha256sum base64 /usr/bin/time; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench.sh: missing ${missing[*]}; run scripts/install-debian-packages.sh (inotify-tools, openssl, curl, time, python3)" >&2
  exit 1
fi
BIN_GIVEN=${BIN:-}
if [ -z "$BIN_GIVEN" ]; then
  echo "bench.sh: building release binaries (swift build -c release; give BIN=.build/release to reuse them)" >&2
  (cd "$ROOT" && swift build -c release)
  BIN=$ROOT/.build/release
fi
BIN=$(cd "$BIN" && pwd)
for binary in lienthong lienthong-axis; do
  [ -x "$BIN/$binary" ] || { echo "bench.sh: $BIN/$binary not found; build with swift build -c release" >&2; exit 1; }
done

R=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-bench.XXXXXX")
RESULTS=$R/results; mkdir -p "$RESULTS"
source "$ROOT/Benchmarks/pipeline/processes.sh"
source "$ROOT/Benchmarks/pipeline/scenarios.sh"
cleanup() {
  [ -n "$BL" ] && { pkill -TERM -P "$BL" 2>/dev/null || true; }
  stop_process "$DA"; stop_process "$DB"; stop_process "$AX"
  if [ -n "${KEEP:-}" ]; then echo "kept $R" >&2; else rm -rf "$R"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

prepare_demo
start_axis
log "work directory $R, lienthong-axis on port $AXIS_PORT"
for scenario in $SCENARIOS; do "scenario_$scenario"; done

COMMAND="$(env | grep -E '^(DOCS|SINGLE|SINGLE_EVERY|CLAIM_FILES|BIG_MIB|SETTLE_MS|POLL_S|TIMEOUT_S|LIMIT_S)=' \
  | sort | tr '\n' ' ')scripts/bench.sh"
[ -z "$BIN_GIVEN" ] || COMMAND="BIN=$BIN_GIVEN $COMMAND"
python3 "$ROOT/Benchmarks/pipeline/report.py" "$RESULTS" "$OUT" "$COMMAND" "${LABEL:-}"
