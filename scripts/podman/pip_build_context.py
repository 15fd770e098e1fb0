"""Hand this machine's pip settings to a `podman build` without leaving them in the image.

pip here may depend on settings outside the project: a CA bundle (an egress that re-signs TLS), a folder of local
wheels (find-links), constraint files, a mirror. This script reads them the way pip does (the site-wide, then
the user's configuration files, PIP_CONFIG_FILE, then PIP_* variables; [global] then [install]), copies the
local files and folders they name
into STAGE, and writes STAGE/pip.conf pointing at /mnt, where image-check.sh mounts STAGE read-only during the
build. It prints the build argument that makes pip read that file (PIP_CONFIG_FILE=/mnt/pip.conf), or nothing
when there is nothing to hand over. Local package indexes (file:// index URLs: whole mirrors, gigabytes) are
left out, with a note: the build uses the network indexes.

/mnt exists, empty, in every Debian image: mounting over it creates no mount point that would stay behind in a
layer (buildah 1.28 leaves the mount points of -v paths that did not exist in the image).

Usage: python3 pip_build_context.py STAGE
"""

from __future__ import annotations

import configparser
import os
import shutil
import sys
from pathlib import Path

MOUNT = "/mnt"
PATH_LISTS = ("find-links", "constraint")
PLAIN_SETTINGS = ("index-url", "extra-index-url", "trusted-host", "default-timeout")


def config_files() -> list[Path]:
    xdg_dirs = os.environ.get("XDG_CONFIG_DIRS", "/etc/xdg").split(":")
    files = [Path(d) / "pip" / "pip.conf" for d in xdg_dirs if d]
    files.append(Path("/etc/pip.conf"))
    home = Path.home()
    files.append(home / ".pip" / "pip.conf")
    files.append(Path(os.environ.get("XDG_CONFIG_HOME", home / ".config")) / "pip" / "pip.conf")
    if os.environ.get("PIP_CONFIG_FILE"):
        files.append(Path(os.environ["PIP_CONFIG_FILE"]))
    return [f for f in files if f.is_file()]


def settings() -> dict[str, str]:
    found: dict[str, str] = {}
    for file in config_files():
        parser = configparser.RawConfigParser()
        parser.read(file)
        for section in ("global", "install"):
            if parser.has_section(section):
                for key, value in parser.items(section):
                    found[key.replace("_", "-")] = value
    for name, value in os.environ.items():
        if name.startswith("PIP_") and name != "PIP_CONFIG_FILE":
            found[name[4:].lower().replace("_", "-")] = value
    return found


def stage_path(source: str, stage: Path, name: str) -> str | None:
    """Copy a local file or folder into STAGE (hard links where possible); its path under /mnt, or None."""
    path = Path(source.removeprefix("file://"))
    target = stage / name
    if path.is_dir():
        try:
            shutil.copytree(path, target, copy_function=os.link)
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(path, target)
    elif path.is_file():
        shutil.copy2(path, target)
    else:
        return None
    return f"{MOUNT}/{name}"


def main(stage: Path) -> int:
    found = settings()
    lines: list[str] = []
    for key in PLAIN_SETTINGS:
        given = found.get(key, "").split()
        if key.endswith("index-url"):
            mirrors = [v for v in given if v.startswith("file:")]
            if mirrors:
                print(f"pip_build_context: leaving out local index {' '.join(mirrors)}", file=sys.stderr)
            given = [v for v in given if not v.startswith("file:")]
        if given:
            lines.append(f"{key} = {' '.join(given)}")
    for key in PATH_LISTS:
        values = []
        for n, item in enumerate(found.get(key, "").split()):
            local = (
                stage_path(item, stage, f"{key}-{n}")
                if "://" not in item or item.startswith("file://")
                else None
            )
            values.append(local or item)
        if values:
            lines.append(f"{key} = {' '.join(values)}")
    if found.get("cert"):
        staged = stage_path(found["cert"], stage, "cert.pem")
        if staged:
            lines.append(f"cert = {staged}")
    if not lines:
        return 0
    (stage / "pip.conf").write_text("[global]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"PIP_CONFIG_FILE={MOUNT}/pip.conf")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
