#!/usr/bin/env bash
# Installs what lienthong builds, tests and runs with. Needs root (or sudo) for the Debian part.
set -euo pipefail
packages=(
  libssl-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev pkg-config  # the libraries lienthong links
  fonts-liberation2                      # Liberation Serif: the Decree 30 visible signature box (Times-metric, Vietnamese)
  openssl                                # the demo's throwaway keys; tests verify signatures with it
  curl                                   # tests talk TLS to lienthong-axis with an independent client
  qpdf poppler-utils libnss3-tools       # independent PDF validators for the PAdES tests (qpdf, pdfsig, certutil)
  python3 python3-pip                    # reportlab makes test PDFs; pyHanko validates signatures
  faketime                               # tests run again with the clock on New Year's Eve and a leap day
  libp11-kit-dev                         # the OASIS pkcs11.h (CPKCS11); token modules are loaded with dlopen
  softhsm2 opensc gcc                    # tests sign through a SoftHSM2 token (pkcs11-tool, a fault-injecting module)
  inotify-tools time                     # scripts/bench.sh: the shell-script baseline; its CPU and peak RSS
  build-essential debhelper dpkg-dev     # scripts/check-package.sh: dpkg-buildpackage (debhelper compat 13)
  lintian systemd man-db groff-base      # ... then lintian, systemd-analyze verify (man pages present), man --warnings
  chromium                               # StatusPageTests render the daemon's status page in headless Chromium
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Test-only Python tools (PyPI). The product itself uses none of them.
if ! python3 -c 'import reportlab, pyhanko' 2>/dev/null || ! command -v pyhanko >/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check reportlab pyhanko pyhanko-cli \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages reportlab pyhanko pyhanko-cli
fi
