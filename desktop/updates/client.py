"""Check, download, verify and stage an update of the packaged program (TUF, python-tuf's client).

The repository is tufup's (``scripts/release.py``: ``zikao-<version>.tar.gz`` archives, bsdiff
``zikao-<version>.patch`` patches of the uncompressed tar, the patched tar's size and hash in the
patch's signed custom metadata).  The program reads it with python-tuf's ``Updater`` directly, not
with ``tufup.client``, because:

* importing anything of tufup imports its repository tools and, through them, setuptools (half a
  second, and setuptools is not in the bundle: build.spec);
* tufup's client logs a bad signature or a broken download and answers "no update", where the
  user must be told why the update was refused (``refusal()``);
* tufup installs by overwriting the program folder from a script and exiting; here the verified
  version is unpacked beside the program (``<folder>.next``) and swapped in at the next start by
  ``desktop.updates.swap`` — the Windows way.

Everything here blocks on the network or the disk: run it on a worker (desktop/core/tasks.py).
docs/updates.md describes the repository, the refusals and their messages.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import bsdiff4
import requests
from packaging.version import InvalidVersion, Version
from tuf.api import exceptions as tuf_errors
from tuf.ngclient import RequestsFetcher, TargetFile, Updater

from desktop.i18n.marks import QT_TR_NOOP
from desktop.updates.bundle import APP_NAME, InstalledRelease, read_release

UPDATES_PATH = "/api/v1/updates"
KEPT = "当前版本未作任何改动。"
#: a refusal as the user reads it: its reason, then that nothing changed (``KEPT``)
REFUSED = QT_TR_NOOP("{reason}当前版本未作任何改动。")

FAILED_SUFFIX = ".failed"

ProgressHook = Callable[[int, int], None]


class UpdateRefused(Exception):
    """An update that was not taken; the message says why, in words for the user.

    ``reason`` is a text of the catalogue (``QT_TR_NOOP``): this module imports no Qt, so the
    message (``str(exc)``, for the log and the command line) is Chinese and the GUI translates
    ``reason`` where it shows it (``desktop.updates.dialog.refusal_text``, docs/i18n.md).
    """

    def __init__(self, reason: str, *, kept: bool = True) -> None:
        self.reason = reason
        self.kept = kept  # the message says that the current version is unchanged
        super().__init__(REFUSED.format(reason=reason) if kept else reason)


@dataclass(frozen=True)
class Offer:
    """A newer version the repository signed: what is new and how much will be downloaded."""

    version: str
    notes: str
    download_bytes: int
    is_patch: bool


def refusal(exc: BaseException) -> UpdateRefused:
    """The refusal the user reads when ``exc`` stopped a check or a download (the current version is kept)."""
    if isinstance(exc, UpdateRefused):
        return exc
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        reason = QT_TR_NOOP("更新信息不是用本程序信任的密钥签名的，可能是伪造的，已拒绝。")
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        reason = QT_TR_NOOP("服务器提供的更新信息比本机已验证过的旧（回滚），可能被人替换，已拒绝。")
    elif isinstance(exc, tuf_errors.ExpiredMetadataError):
        reason = QT_TR_NOOP("服务器提供的更新信息已过期（可能被冻结在旧状态），已拒绝；请联系管理员重新发布。")
    elif isinstance(exc, tuf_errors.DownloadLengthMismatchError):
        reason = QT_TR_NOOP("下载的更新文件比签名信息所写的大，已停止下载并拒绝。")
    elif isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        reason = QT_TR_NOOP("下载的更新文件与签名信息不符，可能被篡改，已拒绝。")
    elif isinstance(exc, tuf_errors.DownloadHTTPError) and exc.status_code == 404:
        reason = QT_TR_NOOP("服务器没有提供软件更新。")
    elif isinstance(exc, tuf_errors.DownloadError | OSError) and not isinstance(exc, tuf_errors.RepositoryError):
        reason = QT_TR_NOOP("下载中断（服务器停止或网络断开），下次检查更新时会重新下载。")
    elif isinstance(exc, tuf_errors.RepositoryError):
        reason = QT_TR_NOOP("更新信息未通过验证，已拒绝。")
    else:
        reason = QT_TR_NOOP("更新没有完成。")
    return UpdateRefused(reason)


TARGET_NAME = re.compile(rf"{APP_NAME}-(?P<version>[^/]+?)(?P<suffix>\.tar\.gz|\.patch)")
# a patch is taken only when it is clearly smaller than the archive (tufup's rule)
MAX_PATCH_RATIO = 0.8


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


class _Fetcher(RequestsFetcher):
    """python-tuf's fetcher with a progress hook, closing the connection of a refused download.

    tuf's ``download_file`` leaves the response open when it stops a download that is larger
    than signed; this is the same loop with the chunks closed on every way out.
    """

    progress: ProgressHook | None = None

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        super().__init__()
        self.headers = dict(headers or {})

    def _get_session(self, url: str) -> requests.Session:
        session = super()._get_session(url)
        session.headers.update(self.headers)
        return session

    @contextlib.contextmanager
    def download_file(self, url: str, max_length: int) -> Iterator[IO[bytes]]:
        received = 0
        with tempfile.TemporaryFile() as temp_file, contextlib.closing(self.fetch(url)) as chunks:  # type: ignore[type-var]
            for chunk in chunks:
                received += len(chunk)
                if received > max_length:
                    raise tuf_errors.DownloadLengthMismatchError(f"more than the {max_length} bytes signed")
                temp_file.write(chunk)
                if self.progress is not None:
                    self.progress(received, max_length)
            temp_file.seek(0)
            yield temp_file

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()


class UpdateClient:
    """The updates of ``release`` (the installed program) from the server at ``server_url``.

    ``headers`` go with every request (the embedded backend's secret, for the self-test).
    """

    def __init__(self, release: InstalledRelease, server_url: str, headers: dict[str, str] | None = None) -> None:
        self.release = release
        metadata = release.data_folder / "metadata"
        self.targets = release.data_folder / "targets"
        for folder in (metadata, self.targets):
            folder.mkdir(parents=True, exist_ok=True)
        if not (metadata / "root.json").exists():  # the bundled root: the trust everything starts from
            shutil.copyfile(release.root_file, metadata / "root.json")
        base = server_url.rstrip("/") + UPDATES_PATH
        self._fetcher = _Fetcher(headers)
        self._updater = Updater(
            metadata_dir=str(metadata),
            metadata_base_url=f"{base}/metadata/",
            target_dir=str(self.targets),
            target_base_url=f"{base}/targets/",
            fetcher=self._fetcher,
        )
        self._offer: Offer | None = None
        self._downloads: list[TargetFile] = []

    def close(self) -> None:
        """Close the connections to the server."""
        self._fetcher.close()

    def __enter__(self) -> UpdateClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def current_archive(self) -> Path:
        """The archive this program was installed from, if it came by update (patches apply to it)."""
        return self.targets / f"{APP_NAME}-{self.release.version}.tar.gz"

    def check(self) -> Offer | None:
        """The newest signed version above the installed one, or None; ``UpdateRefused`` if untrusted."""
        try:
            self._updater.refresh()
            return self._choose()
        except Exception as exc:
            raise refusal(exc) from exc

    def _choose(self) -> Offer | None:
        current = _version(self.release.version)
        archives: dict[Version, TargetFile] = {}
        patches: dict[Version, TargetFile] = {}
        # the verified targets metadata (python-tuf has no public listing; tufup reads it the same way)
        trusted = self._updater._trusted_set.targets.targets
        for name, info in trusted.items():
            match = TARGET_NAME.fullmatch(name)
            version = _version(match["version"]) if match else None
            if version is None or version.is_prerelease or (current is not None and version <= current):
                continue
            (archives if match and match["suffix"] == ".tar.gz" else patches)[version] = info
        if not archives:
            return None
        newest = max(archives)
        archive = archives[newest]
        chain = [patches[v] for v in sorted(patches) if v <= newest]
        patch_bytes = sum(p.length for p in chain)
        use_patch = (
            self.current_archive.is_file()
            and len(chain) == len([v for v in archives if v <= newest])  # one patch per version on the way
            and 0 < patch_bytes <= MAX_PATCH_RATIO * archive.length
            and not any(self.targets.joinpath(p.path + FAILED_SUFFIX).exists() for p in chain)
        )
        self._downloads = chain if use_patch else [archive]
        user = (archive.custom or {}).get("user") or {}
        self._offer = Offer(
            version=str(newest),
            notes=str(user.get("notes", "")) if isinstance(user, dict) else "",
            download_bytes=patch_bytes if use_patch else archive.length,
            is_patch=use_patch,
        )
        self._archive = archive
        return self._offer

    def download_and_stage(self, progress: ProgressHook | None = None) -> Path:
        """Download the offer of ``check()``, verify it and unpack it beside the program (``.next``)."""
        if self._offer is None:
            raise UpdateRefused(QT_TR_NOOP("请先检查更新。"), kept=False)
        self._fetcher.progress = progress
        try:
            files = [self._download(info) for info in self._downloads]
            archive = files[0] if not self._offer.is_patch else self._patch(files)
            return self._stage(archive)
        except UpdateRefused:
            raise
        except Exception as exc:
            raise refusal(exc) from exc
        finally:
            self._fetcher.progress = None

    def _download(self, info: TargetFile) -> Path:
        target = str(self.targets / info.path)
        return Path(self._updater.find_cached_target(info, target) or self._updater.download_target(info, target))

    def _patch(self, patches: list[Path]) -> Path:
        """The new archive from the current one and the verified patches; refused if it is not the signed one."""
        with gzip.open(self.current_archive, "rb") as current:
            tar = current.read()
        for path in patches:
            tar = bsdiff4.patch(tar, path.read_bytes())
        expected = (self._downloads[-1].custom or {}).get("tufup") or {}
        algorithm = str(expected.get("tar_hash_algorithm", "sha256"))
        if len(tar) != expected.get("tar_size") or hashlib.new(algorithm, tar).hexdigest() != expected.get("tar_hash"):
            for path in patches:  # next time: the full archive
                path.replace(path.with_name(path.name + FAILED_SUFFIX))
            raise tuf_errors.LengthOrHashMismatchError("the patched archive does not match its signed hash")
        archive = self.targets / self._archive.path
        with gzip.open(archive, "wb") as out:
            out.write(tar)
        return archive

    def _stage(self, archive: Path) -> Path:
        assert self._offer is not None
        final = self.release.next_folder
        partial = final.with_name(final.name + ".partial")
        for folder in (partial, final):
            shutil.rmtree(folder, ignore_errors=True)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(partial, filter="data")
        staged = read_release(partial)
        if staged is None or staged.version != self._offer.version:
            shutil.rmtree(partial, ignore_errors=True)
            raise UpdateRefused(QT_TR_NOOP("下载的更新包里的版本与签名信息不符，已拒绝。"))
        partial.rename(final)  # complete: the next start swaps it in (desktop.updates.swap)
        return final
