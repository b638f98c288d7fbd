#!/usr/bin/env bash
# Refreshes the front-end libraries in src/Coopdir/wwwroot/lib from npm (versions pinned in
# src/Coopdir/package.json and package-lock.json). The copies are committed so that running the
# site needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../src/Coopdir"
npm ci --no-audit --no-fund
rm -rf wwwroot/lib && mkdir -p wwwroot/lib/leaflet wwwroot/lib/leaflet.markercluster
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE wwwroot/lib/leaflet/
cp -r node_modules/leaflet/dist/images wwwroot/lib/leaflet/
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css node_modules/leaflet.markercluster/MIT-LICENCE.txt \
   wwwroot/lib/leaflet.markercluster/
echo "vendored into $(pwd)/wwwroot/lib"
