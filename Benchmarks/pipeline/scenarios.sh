# Sourced by scripts/bench.sh after processes.sh: one function per scenario of issue #11. Each waits at most
# TIMEOUT_S for its documents, then records how far it got (found/expected) in $RESULTS instead of hanging.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
measure() { python3 "$HERE/measure.py" "$@"; }
drop() { python3 "$HERE/drop.py" "$@"; }

# (a) DOCS PDFs of 100 KB dropped at once into A's outbox, and (b) one urgent file dropped when half are stored.
scenario_burst() {
  log "(a) outbound burst: $DOCS PDFs of 100 KB, (b) one urgent file in the middle"
  local axis_cpu; axis_cpu=$(cpu_seconds "$AX"); reset_peak "$AX"
  start_daemon a
  local cpu; cpu=$(cpu_seconds "$DA")
  drop "$OUTBOX" "$DOCS" --prefix burst > "$R/drops-burst.txt"
  measure wait-stored "$AXIS_DB" burst $((DOCS / 2)) "$TIMEOUT_S" > /dev/null
  drop "$OUTBOX" 1 --prefix urgent --first 99999 --meta "do_khan: hoa toc" > "$R/drops-urgent.txt"
  record burst-wait "$(measure wait-stored "$AXIS_DB" burst "$DOCS" "$TIMEOUT_S")"
  measure wait-stored "$AXIS_DB" urgent 1 "$TIMEOUT_S" > /dev/null
  record burst "$(measure stored "$AXIS_DB" "$R/drops-burst.txt" "$SETTLE_S")"
  record urgent "$(measure stored "$AXIS_DB" "$R/drops-urgent.txt" "$SETTLE_S")"
  process_figures burst.daemon "$DA" "$cpu"
  process_figures burst.axis "$AX" "$axis_cpu"
  stop_daemon a
}

# (d) B starts with the burst waiting for it on the axis: delivered and acknowledged per second.
scenario_inbound() {
  local waiting; waiting=$(measure pending "$AXIS_DB" "$B_CODE")
  log "(d) inbound: $waiting documents waiting for B"
  local axis_cpu; axis_cpu=$(cpu_seconds "$AX"); reset_peak "$AX"
  local start; start=$(now_ms)
  start_daemon b
  record inbound-wait "$(measure wait-state "$B/state/state.db" in acknowledged "$waiting" "$start" "$TIMEOUT_S")"
  record inbound "$(measure inbound "$B/state/state.db" "$start")"
  process_figures inbound.daemon "$DB" 0
  process_figures inbound.axis "$AX" "$axis_cpu"
  stop_daemon b
}

# (g) The same burst through Benchmarks/baseline/send-folder.sh, against the same axis, its own outbox.
scenario_baseline() {
  log "(g) baseline shell script: $DOCS PDFs of 100 KB"
  local outbox=$R/baseline/outbox axis_cpu; mkdir -p "$outbox"
  axis_cpu=$(cpu_seconds "$AX"); reset_peak "$AX"
  OUTBOX=$outbox SENT=$R/baseline/sent AXIS=http://127.0.0.1:$AXIS_PORT SYSTEM_ID=$A_CODE TO=$B_CODE \
    SECRET_FILE=$A/axis-secret KEY=$A/agency-key.pem CERT=$A/agency-cert.pem STOP_AFTER=$DOCS \
    /usr/bin/time -f '%U %S %M' -o "$R/baseline/time.txt" \
    "$HERE/../baseline/send-folder.sh" > "$R/baseline/log.txt" 2>&1 &
  BL=$!
  sleep 1
  drop "$outbox" "$DOCS" --prefix base > "$R/drops-base.txt"
  record base-wait "$(measure wait-stored "$AXIS_DB" base "$DOCS" "$TIMEOUT_S")"
  record base "$(measure stored "$AXIS_DB" "$R/drops-base.txt" 0)"
  process_figures base.axis "$AX" "$axis_cpu"
  for _ in $(seq 50); do kill -0 "$BL" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$BL" 2>/dev/null; then pkill -TERM -P "$BL" || true; fi
  wait "$BL" 2>/dev/null || true
  BL=""
  read -r user system peak < "$R/baseline/time.txt" || true
  record base.script "{\"cpu_s\": $(awk -v u="${user:-0}" -v s="${system:-0}" 'BEGIN { printf "%.2f", u + s }'), \"peak_mib\": $(awk -v k="${peak:-0}" 'BEGIN { printf "%.1f", k / 1024 }')}"
}

# (c) SINGLE files, one every SINGLE_EVERY seconds, into an idle daemon.
scenario_single() {
  log "(c) single files: $SINGLE, one every ${SINGLE_EVERY}s"
  start_daemon a
  local cpu; cpu=$(cpu_seconds "$DA")
  drop "$OUTBOX" "$SINGLE" --prefix single --first 50000 --every "$SINGLE_EVERY" > "$R/drops-single.txt"
  record single-wait "$(measure wait-stored "$AXIS_DB" single "$SINGLE" "$TIMEOUT_S")"
  record single "$(measure stored "$AXIS_DB" "$R/drops-single.txt" "$SETTLE_S")"
  process_figures single.daemon "$DA" "$cpu"
  stop_daemon a
}

# (f) One BIG_MIB attachment (a .docx: random bytes behind a ZIP magic), against sha256sum + base64 of it.
scenario_big() {
  log "(f) one attachment of $BIG_MIB MiB"
  local source=$R/big-source.docx name=90000_big-90000.docx
  ( printf 'PK\003\004'; head -c $((BIG_MIB * 1024 * 1024 - 4)) /dev/urandom ) > "$source"
  local start; start=$(now_ms)
  sha256sum "$source" > /dev/null; base64 -w0 "$source" > /dev/null
  local reference_ms=$(( $(now_ms) - start ))
  local axis_cpu; axis_cpu=$(cpu_seconds "$AX"); reset_peak "$AX"
  start_daemon a
  local cpu; cpu=$(cpu_seconds "$DA")
  cp "$source" "$OUTBOX/.big.part" && mv "$OUTBOX/.big.part" "$OUTBOX/$name"
  echo "big-90000 $(now_ms)" > "$R/drops-big.txt"
  rm -f "$source"
  record big-wait "$(measure wait-stored "$AXIS_DB" big 1 "$TIMEOUT_S")"
  local figures; figures=$(measure stored "$AXIS_DB" "$R/drops-big.txt" "$SETTLE_S")
  record big "${figures%\}}, \"reference_ms\": $reference_ms, \"mib\": $BIG_MIB}"
  process_figures big.daemon "$DA" "$cpu"
  process_figures big.axis "$AX" "$axis_cpu"
  stop_daemon a
}

# (e) CLAIM_FILES small PDFs already in the outbox when A starts: time until every one is claimed.
scenario_claim() {
  log "(e) $CLAIM_FILES files already in the outbox at start"
  drop "$OUTBOX" "$CLAIM_FILES" --prefix claim --first 100000 --size 2000 --stage-only
  local start; start=$(now_ms)
  start_daemon a
  local cpu; cpu=$(cpu_seconds "$DA")
  local figures; figures=$(measure wait-state "$A/state/state.db" out claimed "$CLAIM_FILES" "$start" "$TIMEOUT_S")
  record claim "${figures%\}}, \"seconds\": $(awk -v ms=$(( $(now_ms) - start )) 'BEGIN { printf "%.1f", ms / 1000 }')}"
  process_figures claim.daemon "$DA" "$cpu"
  stop_daemon a
}

# The machine's limits, with both daemons stopped: RSA signatures, SQLite commits, axis sendEdoc requests.
scenario_limits() {
  log "machine limits: RSA-2048, SQLite WAL FULL, axis sendEdoc"
  record limit.rsa "$(python3 "$HERE/limits.py" rsa "$LIMIT_S")"
  record limit.sqlite "$(python3 "$HERE/limits.py" sqlite "$R" "$LIMIT_S")"
  local body; body=$(python3 - "$AXIS_DB" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT file_path FROM document WHERE title LIKE 'burst-%' LIMIT 1").fetchone()
print(row[0] if row else "")
PY
)
  [ -n "$body" ] || { log "no stored burst envelope to replay; axis limit skipped"; return 0; }
  for connections in 1 4; do
    record "limit.axis$connections" "$(python3 "$HERE/limits.py" axis "$AXIS_PORT" "$A_CODE" "$A/axis-secret" \
      "$R/axis/data/$body" "$LIMIT_S" "$connections")"
  done
}
