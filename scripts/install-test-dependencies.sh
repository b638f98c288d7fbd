#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, if it is missing:
#   - Debian's chromium, driven by Playwright in the browser tests;
#   - Debian's PostgreSQL server (with contrib: unaccent, pg_trgm), for the PostgreSQL run;
#   - jsonld.js (npm), the JSON-LD processor that expands the JSON-LD exports in the tests;
#   - Spectral (npm), the OpenAPI linter the served OpenAPI document must pass (spectral:oas);
#   - Debian's python3-networkx, which reads the GraphML export back in the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1 || missing+=(python3-networkx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d tests/jsonld/node_modules/jsonld ] || [ ! -d tests/openapi-lint/node_modules/@stoplight/spectral-cli ]; then
  command -v npm >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
  [ -d tests/jsonld/node_modules/jsonld ] || npm ci --prefix tests/jsonld --no-audit --no-fund --silent
  [ -d tests/openapi-lint/node_modules/@stoplight/spectral-cli ] || npm ci --prefix tests/openapi-lint --no-audit --no-fund --silent
fi
