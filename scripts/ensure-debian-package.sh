#!/usr/bin/env bash
# Install a Debian package the test suite drives (Chromium for the browser tests, PostgreSQL for storage),
# when it is missing and this machine can: root and apt-get. Otherwise those tests skip, or fail under CI.
# Usage: ensure-debian-package.sh PACKAGE PATH-GLOB-THAT-PROVES-IT-IS-INSTALLED
set -euo pipefail
package=$1 probe=$2
if compgen -G "$probe" >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "$package is not installed and cannot be installed here; the tests that need it will skip" >&2
  exit 0
fi
echo "installing Debian's $package for the tests…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "$package" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$package" >/dev/null; }
