"""A real TUF update repository for tests: keys, signed releases of small bundles (scripts/release.py)."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from desktop.updates.bundle import InstalledRelease, read_release
from scripts import release

ROOT = Path(__file__).resolve().parent.parent

# the entry script of a small bundle: finishes a staged update like the packaged launcher, then
# writes its version (and the options it got) to the file named by its first option
APP_SCRIPT = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path

    sys.path.insert(0, {str(ROOT)!r})
    from desktop.updates.bundle import read_release
    from desktop.updates.swap import at_start

    folder = Path(__file__).resolve().parent
    if at_start(folder, sys.argv[1:], lambda f: [sys.executable, str(f / "app.py")]):
        sys.exit(0)
    Path(sys.argv[1]).write_text(read_release(folder).version, encoding="utf-8")
    """
)


@dataclass
class UpdateRepository:
    keys: Path
    folder: Path
    work: Path

    def bundle(self, name: str, payload: bytes = b"") -> Path:
        """A small program folder: the entry script and a payload file."""
        folder = self.work / "bundles" / name
        folder.mkdir(parents=True)
        (folder / "app.py").write_text(APP_SCRIPT, encoding="utf-8")
        (folder / "payload.bin").write_bytes(payload)
        return folder

    def add(self, version: str, notes: str, payload: bytes = b"", **kwargs: object) -> Path:
        bundle = self.bundle(version, payload)
        release.add_release(self.keys, self.folder, bundle, version, notes, **kwargs)  # type: ignore[arg-type]
        return bundle

    def install(self, bundle: Path, name: str = "zikao") -> InstalledRelease:
        """A copy of ``bundle`` installed the way a user has it (its own folder)."""
        target = self.work / "install" / name
        shutil.copytree(bundle, target)
        installed = read_release(target)
        assert installed is not None
        return installed

    def archive(self, version: str) -> Path:
        return self.folder / "targets" / f"zikao-{version}.tar.gz"


def make_repository(tmp_path: Path) -> UpdateRepository:
    keys, folder = tmp_path / "keys", tmp_path / "repository"
    release.make_keys(keys)
    release.init_repository(keys, folder)
    return UpdateRepository(keys=keys, folder=folder, work=tmp_path)
