#!/usr/bin/env bash
# The PostgreSQL storage tests start a throwaway server on loopback from Debian's packages. Install if missing.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "postgresql is not installed and cannot be installed here; PostgreSQL tests will skip" >&2
  exit 0
fi
echo "installing Debian's postgresql for the storage tests…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
