#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt needs offscreen and on screen, a CJK font, poppler, and
# binutils (PyInstaller strips the bundle's libraries with its strip/objcopy).
# Runs apt-get only as root and only for what is missing; otherwise it prints what to install.
set -euo pipefail
packages=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-wqy-microhei poppler-utils
          libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
          libxcb-shape0 libxcb-xkb1 binutils)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing to do here
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || dpkg-query -W -f='${Status}' "${p}t64" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: these system packages seem missing (install them with sudo apt-get install): ${missing[*]}" >&2
fi
