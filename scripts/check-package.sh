#!/usr/bin/env bash
# Builds the Debian packages, installs them on this machine, checks them, and purges them again. Needs root, no
# running systemd (CI runs it in a container); on a machine with lienthong installed for real, don't run it.
#
#   scripts/check-package.sh
#
# Checks: the build (dpkg-buildpackage -b -us -uc, release build with the Swift runtime linked statically, no
# libswift* in ldd), lintian without errors (warnings are listed; overrides are in debian/*.lintian-overrides),
# dpkg -i of both packages without a running systemd, `--version` of both binaries, `systemd-analyze verify` of the
# installed units with their man pages present, `systemd-analyze security --offline=yes` of lienthong.service at
# most 1.5, the service user and directories, `dpkg --purge` keeping a document under /srv/lienthong.
# The packages are left in dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "check-package: run as root (it installs and purges the packages)" >&2; exit 1; }
version=$(sed -n 's/^ *public static let current = "\(.*\)"$/\1/p' Sources/LienthongVersion/LienthongVersion.swift)
arch=$(dpkg --print-architecture)
step() { echo "== check-package: $*"; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' lienthong lienthong-axis 2>/dev/null | grep -q "install ok"; then
    fail "lienthong or lienthong-axis is installed on this machine; this script would purge it"
fi
# Whatever happens below, leave no package installed.
trap 'dpkg --purge lienthong lienthong-axis >/dev/null 2>&1 || true' EXIT

step "dpkg-buildpackage -b -us -uc (lienthong $version)"
start=$(date +%s)
dpkg-buildpackage -b -us -uc
echo "build took $(($(date +%s) - start)) s"
# dpkg-buildpackage writes next to the source tree; keep this build's files in dist/.
mkdir -p dist
for file in ../lienthong{,-axis}{,-dbgsym}_"${version}_$arch".deb ../lienthong_"${version}_$arch".{buildinfo,changes}; do
    mv -f "$file" dist/
done
ls -l dist/*.deb

step "binaries: no Swift runtime needed"
for binary in debian/lienthong/usr/bin/lienthong debian/lienthong-axis/usr/bin/lienthong-axis; do
    if ldd "$binary" | grep -q libswift; then fail "$binary links a Swift library dynamically"; fi
done
dpkg-deb -f "dist/lienthong_${version}_$arch.deb" Depends

step "lintian"
lintian --display-info --pedantic --fail-on error --suppress-tags spelling-error-in-binary \
    "dist/lienthong_${version}_$arch.changes"

step "dpkg -i (no running systemd here: the maintainer scripts must cope)"
dpkg -i "dist/lienthong_${version}_$arch.deb" "dist/lienthong-axis_${version}_$arch.deb"
dpkg-query -W lienthong lienthong-axis
[ "$(lienthong --version)" = "$version" ] || fail "lienthong --version says $(lienthong --version), not $version"
[ "$(lienthong-axis --version)" = "$version" ] || fail "lienthong-axis --version is not $version"
echo "lienthong --version: $(lienthong --version); lienthong-axis --version: $(lienthong-axis --version)"
getent passwd lienthong lienthong-axis
stat -c '%A %U:%G %n' /srv/lienthong /etc/lienthong /etc/lienthong/axis-secret /etc/lienthong-axis/axis-secrets
if systemctl is-enabled lienthong.service >/dev/null 2>&1; then fail "lienthong.service was enabled by the install"; fi
echo "lienthong.service: $(systemctl is-enabled lienthong.service 2>&1 || true) (not enabled, not started)"

step "man pages and systemd-analyze verify"
man -w lienthong lienthong.yaml lienthong-axis
for page in lienthong.8 lienthong.yaml.5 lienthong-axis.8; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$(man -w "${page%.*}")" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "man page $page: $warnings"
done
# --man=yes (the default) checks that every Documentation=man: page exists.
systemd-analyze verify /lib/systemd/system/lienthong.service /lib/systemd/system/lienthong-axis.service
echo "systemd-analyze verify: no complaints"
for unit in lienthong lienthong-axis; do
    score=$(systemd-analyze security --offline=yes "/lib/systemd/system/$unit.service" | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
    echo "systemd-analyze security $unit.service: $score"
    awk -v s="$score" 'BEGIN { exit !(s <= 1.5) }' || fail "$unit.service scores $score, more than 1.5"
done

step "check-config with the example configuration fails and says the service waits for it"
output=$(runuser -u lienthong -- lienthong check-config 2>&1 || true)
echo "$output" | tail -3
echo "$output" | grep -q "does not start until \`lienthong check-config\` passes" || fail "no clear check-config line"

step "dpkg --purge keeps the agencies' documents"
mkdir -p /srv/lienthong/h41/sent/2026-01-01
echo "a sent document" > /srv/lienthong/h41/sent/2026-01-01/kept.pdf
mkdir -p /var/lib/lienthong && echo state > /var/lib/lienthong/state.db
dpkg --remove lienthong
[ -f /var/lib/lienthong/state.db ] || fail "dpkg --remove deleted the state"
dpkg --purge lienthong lienthong-axis
[ -f /srv/lienthong/h41/sent/2026-01-01/kept.pdf ] || fail "purge deleted a document under /srv/lienthong"
[ ! -e /var/lib/lienthong ] || fail "purge left /var/lib/lienthong"
if dpkg-query -W lienthong 2>/dev/null | grep -q .; then dpkg-query -l lienthong | tail -1; fi
rm -rf /srv/lienthong/h41
echo "purged; /srv/lienthong/h41/sent/2026-01-01/kept.pdf was kept (then removed by this script)"
step "all package checks passed"
