#!/usr/bin/env bash
# `make demo`: a demo court on an embedded SQLite database and local files.
# Sets up the data folder, loads and publishes the demo content, starts the
# admin server and a kiosk pointed at it. Safe to run again.
set -euo pipefail
DEMO_DIR=${DEMO_DIR:-var/demo}
PORT=${PORT:-8000}
URL="http://127.0.0.1:${PORT}"
SRV=(.venv/bin/court-kiosk-server --data-dir "$DEMO_DIR")

"${SRV[@]}" init
"${SRV[@]}" seed-demo --public-url "$URL"  # the QR codes point to this server
"${SRV[@]}" publish --note "demo content"
if [ ! -s "$DEMO_DIR/admin-password.txt" ]; then
  (umask 077; .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(12))" > "$DEMO_DIR/admin-password.txt")
  "${SRV[@]}" create-user admin --role admin --password-file "$DEMO_DIR/admin-password.txt"
fi

"${SRV[@]}" serve --port "$PORT" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 50); do
  curl -fs "$URL/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "The server did not start (is port $PORT in use? try: make demo PORT=8001)." >&2; exit 1; }
  sleep 0.2
done

KIOSK=(.venv/bin/court-kiosk --server "$URL" --cache-dir "$DEMO_DIR/kiosk-cache")
echo
echo "Admin server:   $URL   (user: admin, password in $DEMO_DIR/admin-password.txt)"
echo "Kiosk API:      $URL/api/v1/manifest"
echo "Template page:  $URL/t/divorce   (what a visitor's phone opens from the QR code)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Starting the kiosk window; close it (or press Ctrl+C) to stop the demo."
  "${KIOSK[@]}"
else
  echo "No display here: rendering every kiosk screen to PNG instead of opening a window..."
  SDL_VIDEODRIVER=offscreen "${KIOSK[@]}" --snapshot "$DEMO_DIR/screens"
  echo "Kiosk screenshots: $DEMO_DIR/screens/   (home-kk.png, fees-ru.png, template-en.png, ...)"
  echo "The server keeps running; press Ctrl+C to stop."
  wait $server
fi
