#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python: Qt's offscreen platform libraries and
# fontconfig (pytest-qt), poppler-utils (pdftoppm, to look at report pages), LibreOffice
# (to open exported workbooks as a clerk's office suite would) and PostgreSQL (the suite's
# second run, on a throw-away cluster). Installs what is missing when run as root with
# apt-get; otherwise only names what is missing.
#
# With arguments, those packages instead (`make dist-windows`: Wine, NSIS, binutils for Windows).
set -euo pipefail

pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
      poppler-utils libreoffice-calc-nogui postgresql"
[ $# -gt 0 ] && pkgs="$*"
command -v dpkg >/dev/null 2>&1 || exit 0
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统软件包 / missing Debian packages:" $missing >&2
  echo "  sudo apt-get install --no-install-recommends" $missing >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's postgresql package starts a cluster of its own on install; the tests start theirs
# on a free loopback port, so keep the packaged one from starting.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
