#!/usr/bin/env bash
# Install court-kiosk as system services (run as root, from a checkout):
#   systemd/install.sh server   the admin server + kiosk API (make install)
#   systemd/install.sh kiosk    the lobby client (make install-kiosk)
# Safe to run again: existing settings files are kept, the code is replaced.
# INSTALL_ROOT=/some/dir stages everything under that folder instead of / (no user; the units are
# enabled there with systemctl --root, nothing is started).
set -euo pipefail
ROLE=${1:-}
case "$ROLE" in server|kiosk) ;; *) echo "Usage: systemd/install.sh server|kiosk" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
ROOT=${INSTALL_ROOT:-}
PREFIX=$ROOT/opt/court-kiosk
USER_NAME=court-kiosk

if [ -z "$ROOT" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "Installing services needs root: sudo make install" >&2; exit 1; }
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/court-kiosk --shell /usr/sbin/nologin "$USER_NAME"
    echo "Created the system user $USER_NAME."
  fi
fi
owner() { [ -z "$ROOT" ] && chown "$@" || true; }

install -d -m 0755 "$PREFIX" "$ROOT/etc/court-kiosk" "$ROOT/etc/systemd/system"
install -d -m 0750 "$ROOT/var/lib/court-kiosk"
owner "$USER_NAME:$USER_NAME" "$ROOT/var/lib/court-kiosk"

# The code: a virtual environment with the locked dependencies, then this project.
UV=$(command -v uv || echo .tools/bin/uv)
[ -x "$UV" ] || { python3 -m venv .tools && .tools/bin/pip install --quiet 'uv>=0.5,<1'; }
export UV_PYTHON_DOWNLOADS=never
"$UV" venv --quiet --allow-existing --python python3 "$PREFIX/venv"
requirements=$(mktemp)
trap 'rm -f "$requirements"' EXIT
# Only what this machine runs: the server gets no Kivy or libVLC bindings, a lobby machine no Flask.
"$UV" export --quiet --frozen --no-dev --extra "$ROLE" --no-emit-project --no-hashes -o "$requirements"
# Compiled now: the services may not write .pyc files into /opt (ProtectSystem=strict), and a
# kiosk compiling from source at every start takes 1.1 s instead of 0.5 s (BENCHMARKS.md, 3).
"$UV" pip install --quiet --compile-bytecode --python "$PREFIX/venv/bin/python" -r "$requirements"
"$UV" pip install --quiet --compile-bytecode --python "$PREFIX/venv/bin/python" --no-deps --reinstall .
install -m 0644 README.md "$PREFIX/README.md"

if [ "$ROLE" = server ]; then
  units=(court-kiosk-server.service court-kiosk-export.service court-kiosk-export.path
         court-kiosk-prune.service court-kiosk-prune.timer court-kiosk-pull-hearings.service
         court-kiosk-pull-hearings.timer)
  [ -e "$ROOT/etc/court-kiosk/server.env" ] || install -m 0640 systemd/server.env.example "$ROOT/etc/court-kiosk/server.env"
  enable=(court-kiosk-server.service court-kiosk-export.path court-kiosk-prune.timer
          court-kiosk-pull-hearings.timer)
else
  units=(court-kiosk.service)
  if [ ! -e "$ROOT/etc/court-kiosk/kiosk.toml" ]; then
    install -m 0640 systemd/kiosk.toml.example "$ROOT/etc/court-kiosk/kiosk.toml"
    owner "root:$USER_NAME" "$ROOT/etc/court-kiosk/kiosk.toml"  # holds the kiosk's token
  fi
  enable=(court-kiosk.service)
fi
for unit in "${units[@]}"; do install -m 0644 "systemd/$unit" "$ROOT/etc/systemd/system/$unit"; done

if [ -n "$ROOT" ]; then
  if command -v systemctl >/dev/null; then
    systemctl --quiet --root="$ROOT" enable "${enable[@]}"
    echo "Staged under $ROOT, enabled there: ${enable[*]}"
  else
    echo "Staged under $ROOT (no systemctl here to enable: ${enable[*]})."
  fi
elif [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now "${enable[@]}"
  echo "Installed and started: ${enable[*]}"
else
  echo "systemd is not running on this machine: the units are installed; enable them with: systemctl enable --now ${enable[*]}"
fi
