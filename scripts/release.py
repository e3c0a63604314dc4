"""Make releases of the packaged program: signing keys, the TUF update repository, new versions.

    python scripts/release.py keys --keys ~/zikao-keys
    python scripts/release.py init --keys ~/zikao-keys --repository ~/zikao-updates
    python scripts/release.py add  --keys ~/zikao-keys --repository ~/zikao-updates --version 0.2.0 \
        --notes "修正了准考证打印" [--bundle dist/zikao]   # no --bundle: builds it (scripts/build.py)

The repository folder is what ``zikao-mock-backend --update-repository DIR`` serves.  The keys are
private: they live outside this source tree (``keys`` refuses a folder inside it) and are never
committed.  ``add`` stamps the bundle with its version and the trusted root (desktop/updates/bundle.py),
packs it (tufup: a .tar.gz archive and a bsdiff patch from the previous version), signs and publishes
the metadata.  docs/updates.md walks a tester through it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.updates.bundle import APP_NAME, stamp  # noqa: E402

# days each role's signature holds (the timestamp is re-signed by every ``add``)
EXPIRATION_DAYS = {"root": 365, "targets": 30, "snapshot": 30, "timestamp": 30}


class ReleaseError(Exception):
    """What the command refused, said so that the person running it knows what to fix."""


def _inside_project(folder: Path) -> bool:
    return folder.resolve().is_relative_to(ROOT)


def make_keys(keys: Path) -> list[Path]:
    """Generate one ed25519 key pair per top-level role into ``keys`` (outside the project)."""
    from tufup.repo import Keys

    if _inside_project(keys):
        raise ReleaseError(f"密钥目录 {keys} 在源代码目录之内，私钥可能被提交：请选源代码目录之外的目录")
    if keys.exists() and any(keys.iterdir()):
        raise ReleaseError(f"密钥目录 {keys} 已有文件：新密钥会使已发布的程序不再信任更新，请另选空目录")
    keys.mkdir(parents=True, exist_ok=True)
    Keys(dir_path=keys).create()
    return sorted(keys.iterdir())


@contextlib.contextmanager
def _repository(keys: Path, repository: Path, expiration_days: dict[str, float] | None = None) -> Iterator[object]:
    from tufup.repo import Repository

    if keys.resolve().is_relative_to(repository.resolve()):
        raise ReleaseError(f"密钥目录 {keys} 在更新仓库 {repository} 之内，服务器可能把私钥发出去：请把密钥放在别处")
    if not (keys / "root.pub").is_file():
        raise ReleaseError(f"密钥目录 {keys} 里没有密钥：先运行 release.py keys --keys {keys}")
    repo = Repository(
        app_name=APP_NAME,
        repo_dir=repository,
        keys_dir=keys,
        expiration_days=dict(expiration_days or EXPIRATION_DAYS),  # type: ignore[arg-type]
    )
    # tufup keeps its configuration file in the working folder: keep it beside the keys
    with contextlib.chdir(keys):
        for path in (repo.metadata_dir, repo.targets_dir):
            path.mkdir(parents=True, exist_ok=True)
        repo._load_keys_and_roles(create_keys=False)  # tufup's initialize() would prompt about existing keys
        yield repo


def init_repository(keys: Path, repository: Path) -> Path:
    """Create the repository's signed root metadata; the root file every release will trust."""
    with _repository(keys, repository) as repo:
        if (repo.metadata_dir / "root.json").exists():  # type: ignore[attr-defined]
            raise ReleaseError(f"更新仓库 {repository} 已经建立过，不必再建")
        repo.publish_changes(private_key_dirs=[keys])  # type: ignore[attr-defined]
    return repository / "metadata" / "root.json"


def build_bundle() -> Path:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")], check=True)
    return ROOT / "dist" / APP_NAME


def add_release(
    keys: Path,
    repository: Path,
    bundle: Path,
    version: str,
    notes: str,
    *,
    expiration_days: dict[str, float] | None = None,
) -> list[Path]:
    """Add ``bundle`` as ``version`` (newer than the latest), signed; the files written to targets/."""
    try:
        parsed = Version(version)
    except InvalidVersion:
        raise ReleaseError(f"版本号 {version!r} 不是 1.2.0 这样的版本号") from None
    root = repository / "metadata" / "1.root.json"
    if not root.is_file():
        raise ReleaseError(f"更新仓库 {repository} 还没有建立：先运行 release.py init")
    if not bundle.is_dir():
        raise ReleaseError(f"没有找到程序文件夹 {bundle}")
    with _repository(keys, repository, expiration_days) as repo:
        latest = repo.roles.get_latest_archive()  # type: ignore[attr-defined]
        if latest is not None and latest.version >= parsed:
            raise ReleaseError(f"版本 {version} 不比已发布的最新版本 {latest.version} 新：请用更大的版本号")
        before = set(repo.targets_dir.iterdir())  # type: ignore[attr-defined]
        # the client trusts the first root and follows the signed chain of later ones from there
        stamp(bundle, str(parsed), root.read_bytes())
        repo.add_bundle(  # type: ignore[attr-defined]
            new_bundle_dir=bundle, new_version=str(parsed), custom_metadata={"notes": notes}
        )
        repo.publish_changes(private_key_dirs=[keys])  # type: ignore[attr-defined]
        return sorted(set(repo.targets_dir.iterdir()) - before)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description="发布程序的新版本（签名的自动更新）")
    commands = parser.add_subparsers(dest="command", required=True)
    keys_cmd = commands.add_parser("keys", help="generate the signing keys (outside the source tree)")
    keys_cmd.add_argument("--keys", type=Path, required=True)
    init_cmd = commands.add_parser("init", help="create the update repository and its root metadata")
    add_cmd = commands.add_parser("add", help="add a bundle as a new version and sign it")
    for cmd in (init_cmd, add_cmd):
        cmd.add_argument("--keys", type=Path, required=True)
        cmd.add_argument("--repository", type=Path, required=True)
    add_cmd.add_argument("--version", required=True)
    add_cmd.add_argument("--notes", required=True, help="what is new, shown to the user (Chinese)")
    add_cmd.add_argument("--bundle", type=Path, default=None, help="a built bundle folder (default: build one)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="release.py: %(message)s")
    logging.getLogger("tufup").setLevel(logging.ERROR)  # it warns about its own configuration file
    try:
        if args.command == "keys":
            for path in make_keys(args.keys.expanduser()):
                print(f"key: {path}")
        elif args.command == "init":
            print(f"trusted root: {init_repository(args.keys.expanduser(), args.repository.expanduser())}")
        else:
            bundle = args.bundle.expanduser() if args.bundle else build_bundle()
            written = add_release(
                args.keys.expanduser(), args.repository.expanduser(), bundle, args.version, args.notes
            )
            for path in written:
                print(f"{path.name}: {path.stat().st_size} bytes")
    except ReleaseError as exc:
        print(f"release.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
