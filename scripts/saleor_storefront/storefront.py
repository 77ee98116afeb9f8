"""Saleor's storefront from its own checkout: pnpm from npm, codegen, tsc, build, next start.

Nothing of the storefront is copied here: it is configured only through its environment.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .processes import Supervisor
from .timings import StepFailed


@dataclass
class Storefront:
    checkout: Path
    env: dict
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def commit(checkout: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(checkout), "log", "-1", "--format=%H %cI"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return out.stdout.strip()


def pnpm_version(checkout: Path) -> str:
    manager = json.loads((checkout / "package.json").read_text()).get("packageManager", "")
    name, _, version = manager.partition("@")
    if name != "pnpm" or not version:
        raise StepFailed(f"package.json declares packageManager {manager!r}, not pnpm@X")
    return version.split("+")[0]  # drop a "+sha512..." integrity suffix


def install_pnpm(sup: Supervisor, tools_dir: Path, version: str) -> Path:
    """pnpm at the declared version, from npm into the run's own prefix (nothing global)."""
    pnpm = tools_dir / "bin" / "pnpm"
    if pnpm.exists():
        current = subprocess.run([str(pnpm), "--version"], capture_output=True, text=True)
        if current.stdout.strip() == version:
            return pnpm
    tools_dir.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    if npm is None:
        raise StepFailed("npm is not on PATH (Node.js is needed to build the storefront)")
    sup.run(
        "npm-install-pnpm",
        [npm, "install", "--global", "--prefix", str(tools_dir), f"pnpm@{version}"],
        cwd=tools_dir,
        env=dict(os.environ),
        timeout=300,
    )
    return pnpm


def storefront_env(*, api_url: str, port: int, pnpm: Path) -> dict:
    """Only environment variables configure the storefront (its .env.example documents them)."""
    origin = f"http://127.0.0.1:{port}"
    keep = ("HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        PATH=f"{pnpm.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        CI="true",
        HUSKY="0",
        NEXT_TELEMETRY_DISABLED="1",
        NEXT_PUBLIC_SALEOR_API_URL=api_url,
        NEXT_PUBLIC_DEFAULT_CHANNEL="default-channel",
        STOREFRONT_CHANNELS="default-channel",
        NEXT_PUBLIC_STOREFRONT_URL=origin,
        ALLOWED_EXTRA_ORIGINS=origin,
        # The storefront's own test gateway (Saleor's dummy payment app id); our API offers it
        # only behind its own off-by-default setting, refused unless DEBUG.
        NEXT_PUBLIC_ALLOW_DUMMY_PAYMENT="true",
        ALLOW_DUMMY_PAYMENT="true",
        PORT=str(port),
        HOSTNAME="127.0.0.1",
    )
    return env


def install(sup: Supervisor, checkout: Path, env: dict, pnpm: Path) -> None:
    sup.run(
        "pnpm-install",
        [str(pnpm), "install", "--frozen-lockfile"],
        cwd=checkout,
        env=env,
        timeout=1800,
    )


def generate(sup: Supervisor, checkout: Path, env: dict, pnpm: Path) -> None:
    """Its two codegen scopes, introspecting our live schema."""
    sup.run("codegen", [str(pnpm), "run", "generate:all"], cwd=checkout, env=env, timeout=600)


def typecheck(sup: Supervisor, checkout: Path, env: dict, pnpm: Path) -> None:
    # `pnpm typecheck` would run codegen again (pretypecheck); tsc alone checks what was generated.
    sup.run(
        "typecheck", [str(pnpm), "exec", "tsc", "--noEmit"], cwd=checkout, env=env, timeout=1200
    )


def build(sup: Supervisor, checkout: Path, env: dict, pnpm: Path) -> None:
    """`pnpm build` as its README says (its prebuild runs codegen once more)."""
    sup.run("build", [str(pnpm), "build"], cwd=checkout, env=env, timeout=2400)


def start(sup: Supervisor, checkout: Path, env: dict, pnpm: Path, port: int) -> Storefront:
    sup.start(
        "storefront",
        [str(pnpm), "exec", "next", "start", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=checkout,
        env=env,
    )
    storefront = Storefront(checkout=checkout, env=env, port=port)
    sup.wait_http(
        "storefront", f"{storefront.origin}/en/default-channel", timeout=120, accept=(200,)
    )
    return storefront
