#!/usr/bin/env bash
# Debian packages beyond Python. Installs what is missing when run as root with apt-get;
# otherwise only names what is missing (and the command that installs it).
#
#   tools/system_deps.sh          what the test suite needs: Qt's offscreen platform libraries and
#                                 fontconfig (pytest-qt), poppler-utils (pdftoppm, to look at report
#                                 pages), LibreOffice (to open exported workbooks as a clerk's office
#                                 suite would), PostgreSQL (the suite's second run) and 花園明朝 (fonts-hanazono:
#                                 a font of CJK Extension B, as SimSun-ExtB is on Windows; with
#                                 BabelStone Han it stands in for the GB/T 9704 faces in the tests)
#   tools/system_deps.sh window   what the window needs on an X11/XWayland desktop (`make run`): the
#                                 libraries Qt's xcb platform plugin loads (libxcb-cursor0 is loaded
#                                 at run time, so ldd does not name it)
#   tools/system_deps.sh PKG...   those packages (`make dist-windows`: Wine, NSIS, binutils)
set -euo pipefail

common="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
case "${1:-test}" in
  window)
    pkgs="$common libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1
          libxcb-shm0 libxcb-util1 libx11-xcb1 libxcb-render0 libxcb-glx0" ;;
  test)
    pkgs="$common poppler-utils libreoffice-calc-nogui postgresql fonts-hanazono fonts-babelstone-han" ;;
  *)
    pkgs="$*" ;;
esac
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
