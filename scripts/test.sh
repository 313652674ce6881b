#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: Debian packages, a debug build, then every test.
# Integration tests start the real lienthong and lienthong-axis binaries on loopback, so build them first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build --build-tests
# Serial: the integration tests drive real processes for tens of seconds, and timing-sensitive async tests beside
# them on a two-core machine would only measure the contention (the whole run takes about ten minutes, the crash
# loop two of them).
swift test --skip-build --no-parallel "$@"
# The calendar: the suites where dates matter, again with the host clock in UTC at New Year's Eve 18:30 (already
# 1 January in Vietnam), on 29 February 2028, and on a day in 2025, before every date the fixtures carry (a test
# that judged a fixture's date against the real clock passed only after that date). No test may depend on the day
# it runs. Only in-process suites: under libfaketime, Dispatch's timers stop firing in the daemons the integration
# tests start (their ContinuousClock is faked while the kernel's timers are not), so those run at the real date above,
# with injected clocks.
if [ $# -eq 0 ]; then
  time_sensitive="CryptoPrimitivesTests|SigningTests|EdXMLTests|AxisProtocolTests|ConfigTests|StateStoreTests"
  time_sensitive+="|OutboundTests|InboundTests"
  # The host's zone must not matter either: UTC for New Year's Eve, New York (UTC-5, a day behind Vietnam around
  # its midnight) for 17:30 on the leap day in New York (faketime reads the date in the host zone): 22:30 UTC, already
  # 1 March in Vietnam; and the host in Vietnam itself at half past midnight on 1 July 2025 (17:30 UTC on 30 June).
  for run in "UTC|2026-12-31 18:30:00" "America/New_York|2028-02-29 17:30:00" "Asia/Ho_Chi_Minh|2025-07-01 00:30:00"; do
    zone=${run%%|*} date=${run#*|}
    echo "== the time-sensitive suites with the clock at $date in the host zone, $zone"
    TZ=$zone FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$date" swift test --skip-build --no-parallel --filter "$time_sensitive"
  done
fi
# The Debian packages: a release build with the Swift runtime linked statically, lintian, dpkg -i on this machine
# without a running systemd, the installed units checked, dpkg --purge (about 6 minutes on two cores from a clean
# tree). Needs root; skipped for a filtered run.
if [ $# -eq 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    scripts/check-package.sh
  else
    echo "== skipped scripts/check-package.sh: it installs and purges the packages, so it needs root"
  fi
fi
