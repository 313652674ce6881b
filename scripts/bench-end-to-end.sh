#!/usr/bin/env bash
# Benchmark: one SIZE_MIB document (default 1024) end to end through the real binaries on loopback: agency A's
# daemon signs, packages and sends it, lienthong-axis stores it, agency B's daemon downloads, verifies and delivers
# it. The size limits are raised for the run. Prints the time, the peak RSS of each process and both SHA-256s.
#   swift build -c release && BIN=.build/release SIZE_MIB=1024 scripts/bench-end-to-end.sh
# Needs about 6 x SIZE_MIB of scratch space under WORK (default: a fresh directory in /tmp, removed at the end).
set -euo pipefail
BIN=${BIN:-.build/debug}
BIN=$(cd "$BIN" && pwd)
DA="" DB="" AX=""
R=$(mktemp -d "${WORK:-/tmp}/lienthong-bench-e2e.XXXXXX")
trap 'kill $DA $DB $AX 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$R"' EXIT
"$BIN/lienthong" demo --directory "$R" --prepare-only >/dev/null
A=$R/agency-a; B=$R/agency-b
sed -i 's|^data_directory:|max_body_bytes: 4294967296\ndata_directory:|' "$R/axis/axis.yaml"
for cfg in $A/lienthong.yaml $B/lienthong.yaml; do
  printf 'limits:\n  max_document_size: 2GiB\n  max_inbound_envelope_size: 4GiB\n' >> "$cfg"
done
# B trusts A's certificate, so the run also verifies A's signature over the whole document.
sed -i "s|^inbound:|inbound:\n  trusted_roots: [\"$A/agency-cert.pem\"]|" $B/lienthong.yaml
"$BIN/lienthong-axis" --config "$R/axis/axis.yaml" > "$R/axis/axis.log" 2>&1 & AX=$!
sleep 1
"$BIN/lienthong" run --config $A/lienthong.yaml > $A/lienthong.log 2>&1 & DA=$!
"$BIN/lienthong" run --config $B/lienthong.yaml > $B/lienthong.log 2>&1 & DB=$!
sleep 2
SIZE_MIB=${SIZE_MIB:-1024}
mkdir -p $A/share/outbox/000.00.00.H26
SRC=$R/big.docx
( printf 'PK\003\004'; head -c $((SIZE_MIB*1024*1024 - 4)) /dev/urandom ) > "$SRC"
echo "so: 77" > "$R/77_big.docx.meta.yaml"
cp "$R/77_big.docx.meta.yaml" $A/share/outbox/000.00.00.H26/77_big.docx.meta.yaml
START=$(date +%s%N)
cp "$SRC" $A/share/outbox/000.00.00.H26/.tmp77 && mv $A/share/outbox/000.00.00.H26/.tmp77 $A/share/outbox/000.00.00.H26/77_big.docx
peak() { awk '/VmHWM/{print $2/1024 " MiB"}' /proc/$1/status 2>/dev/null; }
while true; do
  F=$(find $B/share/inbox -name '77_big.docx' 2>/dev/null | head -1)
  if [ -n "$F" ] && [ -f "$(dirname "$F")/document.json" ]; then break; fi
  sleep 1
  if (( ($(date +%s%N) - START) / 1000000000 > ${TIMEOUT_S:-3600} )); then echo "TIMEOUT"; exit 1; fi
done
END=$(date +%s%N)
echo "size: ${SIZE_MIB} MiB; end to end: $(( (END - START) / 1000000 )) ms"
echo "work directory: $R (kept with KEEP=1)"
echo "peak RSS: daemon A $(peak $DA), daemon B $(peak $DB), lienthong-axis $(peak $AX)"
SENT=$(sha256sum < "$SRC" | cut -c1-64)
RECEIVED=$(sha256sum < "$F" | cut -c1-64)
echo "sha256 sent:     $SENT"
echo "sha256 received: $RECEIVED"
grep -h "Kết quả" "$(dirname "$F")/signatures.txt" || true
[ "$SENT" = "$RECEIVED" ] || { echo "FAIL: the received file differs"; exit 1; }
