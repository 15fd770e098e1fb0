#!/usr/bin/env bash
# Build a python:3.11-slim stand-in from Debian's archive, for machines that reach no container registry:
# a minimal bookworm (its python3 is 3.11) with a virtualenv at /opt/python first on PATH, because Debian's
# own pip refuses to install into the system Python (PEP 668). The Dockerfile then builds FROM it with
# --build-arg BASE=IMAGE. Needs root, debootstrap and podman. Usage: build-base.sh IMAGE
set -euo pipefail
image=$1
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$(mktemp -d /var/tmp/listening-gym-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$root" "$mirror" \
  >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
chroot "$root" /usr/bin/python3 -m venv /opt/python
chroot "$root" /opt/python/bin/python -c "import ssl, sqlite3, tomllib, venv"  # the modules the build uses
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log
tar -C "$root" --numeric-owner -c . | podman import --quiet \
  --change 'ENV PATH=/opt/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["python3"]' \
  - "$image" >/dev/null
