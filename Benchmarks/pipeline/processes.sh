# Sourced by scripts/bench.sh: the demo setup, starting and stopping lienthong-axis and the two daemons, and
# reading a process's CPU seconds and peak RSS from /proc. Expects BIN, R (the run's temp directory), SETTLE_MS,
# POLL_S, RESULTS.
AX="" DA="" DB="" BL=""
A_CODE=000.00.00.H41; B_CODE=000.00.00.H26

now_ms() { date +%s%3N; }
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Writes the demo's two agencies and axis under $R, then sets what the benchmark needs: settle time, inbound poll,
# and sizes large enough for the big attachment.
prepare_demo() {
  "$BIN/lienthong" demo --directory "$R" --prepare-only >/dev/null
  A=$R/agency-a; B=$R/agency-b
  OUTBOX=$A/share/outbox/$B_CODE
  sed -i 's|^data_directory:|max_body_bytes: 8589934592\ndata_directory:|' "$R/axis/axis.yaml"
  for cfg in "$A/lienthong.yaml" "$B/lienthong.yaml"; do
    sed -i -e "s|^\( *\)settle_time: .*|\1settle_time: ${SETTLE_MS}ms|" \
      -e "s|^  poll_interval: .*|  poll_interval: ${POLL_S}s|" \
      -e "s|^log_level: .*|log_level: notice|" "$cfg"
    printf 'limits:\n  max_document_size: 4GiB\n  max_inbound_envelope_size: 8GiB\n' >> "$cfg"
  done
}

start_axis() {
  "$BIN/lienthong-axis" --config "$R/axis/axis.yaml" --port-file "$R/axis/ports.json" > "$R/axis/axis.log" 2>&1 &
  AX=$!
  for _ in $(seq 100); do [ -s "$R/axis/ports.json" ] && break; sleep 0.1; done
  [ -s "$R/axis/ports.json" ] || { echo "lienthong-axis did not start; see $R/axis/axis.log" >&2; exit 1; }
  AXIS_PORT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$R/axis/ports.json")
  AXIS_DB=$R/axis/data/axis.sqlite
}

# start_daemon a|b: one `lienthong run`, logging to <agency>/lienthong.log; waits until its state database exists.
start_daemon() {
  local home=$R/agency-$1
  "$BIN/lienthong" run --config "$home/lienthong.yaml" >> "$home/lienthong.log" 2>&1 &
  if [ "$1" = a ]; then DA=$!; else DB=$!; fi
  for _ in $(seq 100); do [ -s "$home/state/state.db" ] && break; sleep 0.1; done
  sleep 0.5
}

stop_process() {  # stop_process PID: SIGTERM, then SIGKILL after 20 s
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_daemon() {  # stop_daemon a|b
  if [ "$1" = a ]; then stop_process "$DA"; DA=""; else stop_process "$DB"; DB=""; fi
}

# CPU seconds (user + system, all threads) so far, and peak RSS in MiB since start or since reset_peak.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
peak_mib() { awk '/^VmHWM/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
reset_peak() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null || true; }

# record NAME JSON: one scenario's (or one process's) figures, for report.py.
record() { printf '%s\n' "$2" > "$RESULTS/$1.json"; }

# process_figures NAME PID CPU_BEFORE: records CPU seconds since CPU_BEFORE and the peak RSS of PID.
process_figures() {
  local cpu; cpu=$(cpu_seconds "$2")
  record "$1" "{\"cpu_s\": $(awk -v a="$cpu" -v b="$3" 'BEGIN { printf "%.2f", a - b }'), \"peak_mib\": $(peak_mib "$2")}"
}
