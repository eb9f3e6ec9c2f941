"""Make sure the real tools the browser tests drive are here, installing what is missing.

Debian's Chromium (never a browser that Playwright downloads), a Java runtime for the Nu HTML
checker, and the npm packages of ``package.json`` (axe-core, vnu-jar). A tool that cannot be had
is an error, never a skip: a browser suite that quietly skips proves nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Flags for a closed network: without the background-networking ones Chromium keeps trying to
# reach Google's services, and each refused connection is noise (and time).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ToolMissing(RuntimeError):
    pass


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ToolMissing(f"{what} failed ({' '.join(command)}):\n{result.stdout}{result.stderr}")


def _apt_install(*packages: str) -> None:
    if os.geteuid() != 0:
        raise ToolMissing(
            f"{', '.join(packages)} missing and not root: run "
            f"`sudo apt-get install --no-install-recommends {' '.join(packages)}`"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if result.returncode != 0:
            raise ToolMissing(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def ensure_chromium() -> Path:
    if not CHROMIUM.exists():
        _apt_install("chromium")
    return CHROMIUM


def ensure_java() -> str:
    java = shutil.which("java")
    if java is None:
        _apt_install("default-jre-headless")
        java = shutil.which("java")
    if java is None:
        raise ToolMissing("java is still missing after installing default-jre-headless")
    return java


def ensure_node_modules() -> None:
    if AXE_JS.exists() and VNU_JAR.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        _apt_install("npm")
        npm = shutil.which("npm") or "npm"
    lock = ROOT / "package-lock.json"
    # --ignore-scripts: vnu-jar's install script only fetches a Java runtime, which Debian gives.
    command = "ci" if lock.exists() else "install"
    _run([npm, command, "--ignore-scripts", "--no-audit", "--no-fund"], f"npm {command}")
    if not (AXE_JS.exists() and VNU_JAR.exists()):
        raise ToolMissing(f"npm {command} ran but {AXE_JS} or {VNU_JAR} is missing")


def ensure_playwright() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _run([sys.executable, "-m", "pip", "install", "--quiet", "playwright"], "pip install")


def ensure_all() -> None:
    ensure_playwright()
    ensure_chromium()
    ensure_java()
    ensure_node_modules()
