#!/usr/bin/env bash
# One direction of the pipeline under a profiler, for finding what a document costs: `outbound` drops DOCS PDFs into
# A's outbox; `inbound` lets A send them first and then starts B with them all waiting on the axis. Prints the
# scenario's figures (as scripts/bench.sh measures them) and the CPU seconds of the daemon and of lienthong-axis.
#
#   BIN=.build/release DOCS=1000 Benchmarks/pipeline/profile.sh inbound
#   PERF=1 Benchmarks/pipeline/profile.sh inbound          the daemon under `perf record` (call graphs) into OUT_DIR
#   STRACE="-e trace=fsync,fdatasync" Benchmarks/pipeline/profile.sh outbound     the daemon under `strace -f -y`
#   TMPDIR=/mnt/other-filesystem ...                        the whole run on another filesystem
#
# OUT_DIR (default the current directory) receives <direction>.perf or <direction>.strace. Not part of
# scripts/bench.sh: it runs one scenario at a time, the way profiles and side-by-side comparisons need.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIRECTION=${1:-}
[ "$DIRECTION" = outbound ] || [ "$DIRECTION" = inbound ] || {
  echo "usage: Benchmarks/pipeline/profile.sh outbound|inbound (see the comment at its top)" >&2
  exit 2
}
BIN=${BIN:-$ROOT/.build/release} OUT_DIR=$(cd "${OUT_DIR:-.}" && pwd)
DOCS=${DOCS:-1000} SETTLE_MS=${SETTLE_MS:-200} POLL_S=${POLL_S:-1} TIMEOUT_S=${TIMEOUT_S:-300}
R=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-profile.XXXXXX")
RESULTS=$R/results
mkdir -p "$RESULTS"
export DOCS SETTLE_MS POLL_S TIMEOUT_S
source "$ROOT/Benchmarks/pipeline/processes.sh"
source "$ROOT/Benchmarks/pipeline/scenarios.sh"
trap 'stop_process "$DA"; stop_process "$DB"; stop_process "$AX"; rm -rf "$R"' EXIT

# run_daemon a|b: `lienthong run` for that agency, under the profiler asked for; sets DA or DB.
run_daemon() {
  local home=$R/agency-$1 pid
  local command=("$BIN/lienthong" run --config "$home/lienthong.yaml")
  if [ -n "${PERF:-}" ]; then
    command=(perf record -F 999 -g --call-graph dwarf,16384 -o "$OUT_DIR/$DIRECTION.perf" -- "${command[@]}")
  elif [ -n "${STRACE:-}" ]; then
    # shellcheck disable=SC2206 # STRACE holds strace's own arguments, split on purpose
    command=(strace -f -y $STRACE -o "$OUT_DIR/$DIRECTION.strace" "${command[@]}")
  fi
  "${command[@]}" >> "$home/lienthong.log" 2>&1 &
  pid=$!
  if [ -n "${STRACE:-}" ]; then
    # Stopped, strace would detach and leave the daemon running: the daemon (its child) is stopped instead, and
    # strace then writes its output and ends.
    local child=""
    for _ in $(seq 50); do child=$(pgrep -P "$pid" | head -1) && [ -n "$child" ] && break; sleep 0.1; done
    pid=${child:-$pid}
  fi
  if [ "$1" = a ]; then DA=$pid; else DB=$pid; fi
  for _ in $(seq 100); do [ -s "$home/state/state.db" ] && break; sleep 0.1; done
  sleep 1
}

prepare_demo
start_axis
if [ "$DIRECTION" = outbound ]; then
  run_daemon a
  axis_cpu=$(cpu_seconds "$AX")
  drop "$OUTBOX" "$DOCS" --prefix burst > "$R/drops.txt"
  measure wait-stored "$AXIS_DB" burst "$DOCS" "$TIMEOUT_S"
  measure stored "$AXIS_DB" "$R/drops.txt" "$(awk -v ms="$SETTLE_MS" 'BEGIN { print ms / 1000 }')"
  daemon=$DA
else
  scenario_burst > /dev/null 2>&1
  waiting=$(measure pending "$AXIS_DB" "$B_CODE")
  axis_cpu=$(cpu_seconds "$AX")
  start=$(now_ms)
  run_daemon b
  measure wait-state "$R/agency-b/state/state.db" in acknowledged "$waiting" "$start" "$TIMEOUT_S"
  measure inbound "$R/agency-b/state/state.db" "$start"
  daemon=$DB
fi
# Under a profiler the daemon is a child of it: count the process that runs lienthong.
pid=$(pgrep -f -n "^$BIN/lienthong run" || echo "$daemon")
echo "CPU seconds: daemon $(cpu_seconds "$pid"), lienthong-axis $(awk -v a="$(cpu_seconds "$AX")" -v b="$axis_cpu" \
  'BEGIN { printf "%.2f", a - b }')"
