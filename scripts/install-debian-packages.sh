#!/usr/bin/env bash
# Installs the Debian packages lienthong builds, tests and runs with. Needs root (or sudo).
set -euo pipefail
packages=(
  libssl-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev pkg-config  # the libraries lienthong links
  openssl                                                              # the demo's throwaway keys; tests verify signatures with it
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
