#!/usr/bin/env bash
# The API's contract, checked from outside: a live server with the demo content answers schemathesis,
# which calls every operation of /api/v2/openapi.json with generated input. Fails on any server error
# or any response that the schema does not describe. Run by .ci/run; `make contract` locally.
# Every check runs, in positive and negative mode: schema-valid requests must be accepted and
# schema-violating ones refused, so the document says exactly what the API takes.
set -euo pipefail
cd "$(dirname "$0")/.."
# A free port: a developer's own server may be running on the usual ones.
PORT=${CONTRACT_PORT:-$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d /tmp/api-contract.XXXXXX)
export DJANGO_SETTINGS_MODULE=config.settings.dev
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export MEDIA_ROOT="$WORK/media"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
.venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v2/openapi.json" \
  --checks all \
  --mode all \
  --max-redirects 0 \
  --max-examples "${CONTRACT_EXAMPLES:-25}" \
  --generation-deterministic \
  --request-timeout 30 \
  --no-color
