#!/usr/bin/env bash
# Install the Debian/Ubuntu packages court-kiosk needs, if any are missing.
# Safe to run again: it only calls apt-get when something is absent.
set -euo pipefail

PACKAGES=(
  libvlc5 vlc-plugin-base   # libVLC for python-vlc (kiosk video)
  ffmpeg                    # ffprobe checks uploaded clips; tests make small clips
  fonts-dejavu-core         # a font with Kazakh letters for generated media
  chromium chromium-driver  # browser tests of the admin pages
  libegl1 libgles2 libgl1-mesa-dri  # OpenGL for Kivy, also offscreen (Mesa llvmpipe)
  libmtdev1                 # multitouch input of lobby touchscreens (Kivy mtdev provider)
  curl                      # make demo waits for the server with it
  nginx                     # the scale-out deployment (export-static) and its test
  systemd                   # systemd-analyze verifies the unit files
)

# `install-system-deps.sh bench` adds the load generator the benchmarks use.
[ "${1:-}" = "bench" ] && PACKAGES+=(wrk)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "This is not a Debian/Ubuntu system: install the equivalents of these packages yourself: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "These system packages are missing and installing them needs root: ${missing[*]}" >&2
  echo "Run as root: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
