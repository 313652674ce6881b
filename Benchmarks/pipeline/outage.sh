#!/usr/bin/env bash
# An outage of the axis with documents arriving: DOCS PDFs dropped into A's outbox while lienthong-axis answers 503
# to every sendEdoc, for WAIT_S seconds; then the fault is cleared. Prints the daemon's CPU seconds during the outage,
# the sendEdoc requests the axis saw, the warnings in the daemon's log, how many documents were packaged and waiting,
# and how long after the axis came back all were stored.
#
#   BIN=.build/release DOCS=3000 WAIT_S=40 Benchmarks/pipeline/outage.sh
#
# Uses the demo's configuration (retry: 1 s doubling to 10 s). Not part of scripts/bench.sh: it measures behaviour
# under a fault (issue #11's "a retry waiting for its time never blocks new documents" at scale), not throughput.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${BIN:-$ROOT/.build/release}
DOCS=${DOCS:-3000} WAIT_S=${WAIT_S:-40} SETTLE_MS=${SETTLE_MS:-1000} POLL_S=${POLL_S:-1} TIMEOUT_S=${TIMEOUT_S:-300}
SETTLE_S=$(awk -v ms="$SETTLE_MS" 'BEGIN { print ms / 1000 }')
R=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-outage.XXXXXX")
RESULTS=$R/results
mkdir -p "$RESULTS"
export SETTLE_MS POLL_S TIMEOUT_S
source "$ROOT/Benchmarks/pipeline/processes.sh"
source "$ROOT/Benchmarks/pipeline/scenarios.sh"
trap 'stop_process "$DA"; stop_process "$AX"' EXIT

admin() { # admin METHOD PATH [BODY]
  curl -sf -X "$1" ${3:+--data "$3"} "http://127.0.0.1:$ADMIN_PORT$2"
}

prepare_demo
start_axis
ADMIN_PORT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["admin_port"])' "$R/axis/ports.json")
admin POST /admin/faults '{"method":"sendEdoc","count":1000000,"fault":{"kind":"http_status","status":503}}' >/dev/null
start_daemon a
cpu=$(cpu_seconds "$DA")
drop "$OUTBOX" "$DOCS" --prefix burst > "$R/drops-burst.txt"
sleep "$WAIT_S"
cpu_outage=$(awk -v a="$cpu" -v b="$(cpu_seconds "$DA")" 'BEGIN { printf "%.1f", b - a }')
sends=$(admin GET /admin/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["calls"].get("sendEdoc", 0))')
warnings=$(grep -c '^<4>' "$A/lienthong.log" || true)
packaged=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
  "SELECT count(*) FROM documents WHERE state = '"'packaged'"'").fetchone()[0])' "$A/state/state.db")
admin DELETE /admin/faults >/dev/null
back=$(now_ms)
measure wait-stored "$AXIS_DB" burst "$DOCS" "$TIMEOUT_S" >/dev/null
stored_after=$(awk -v ms=$(($(now_ms) - back)) 'BEGIN { printf "%.1f", ms / 1000 }')
echo "documents $DOCS, outage ${WAIT_S} s: daemon CPU ${cpu_outage} s; sendEdoc requests $sends; warnings $warnings;" \
  "packaged and waiting $packaged; all stored ${stored_after} s after the axis came back"
rm -rf "$R"
