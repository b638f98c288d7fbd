#!/usr/bin/env bash
# Runs every test: the pure-logic tests, the HTTP and CLI tests, and the browser tests.
# Installs what the tests need and the machine lacks (Debian's Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-dependencies.sh
dotnet test Coopdir.slnx --nologo "$@"
