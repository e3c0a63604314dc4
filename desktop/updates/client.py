"""Check, download, verify and stage an update of the packaged program (TUF through tufup).

``UpdateClient`` is ``tufup.client.Client`` (a ``tuf.ngclient.Updater``) with three changes, each
because tufup's own behaviour does not fit a program that must tell its user why it refused:

* the metadata refresh raises instead of logging a warning and answering "no update" (tufup
  swallows a bad signature or a broken download there), so every refusal reaches ``refusal()``;
* the verified archive is unpacked beside the install folder (``<folder>.next``) and swapped at the
  next start by ``desktop.updates.swap`` — the Windows way: a running program's files are never
  overwritten — instead of tufup's install script that overwrites the folder and exits;
* a patch that does not rebuild the signed archive raises (tufup logs it and returns).

Everything here blocks on the network or the disk: run it on a worker (desktop/core/tasks.py).
docs/updates.md describes the repository, the refusals and their messages.
"""

from __future__ import annotations

import contextlib
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tuf.api import exceptions as tuf_errors
from tufup.client import AuthRequestsFetcher, Client
from tufup.common import Patcher, TargetMeta

from desktop.updates.bundle import APP_NAME, InstalledRelease, read_release

UPDATES_PATH = "/api/v1/updates"
FROM_SOURCE = "从源代码运行，不提供更新"
NOT_RELEASED = "这份程序不是正式发布的版本，不提供更新"
KEPT = "当前版本未作任何改动。"

ProgressHook = Callable[[int, int], None]


class UpdateRefused(Exception):
    """An update that was not taken; the message says why, in words for the user."""


@dataclass(frozen=True)
class Offer:
    """A newer version the repository signed: what is new and how much will be downloaded."""

    version: str
    notes: str
    download_bytes: int
    is_patch: bool


def refusal(exc: BaseException) -> str:
    """What the user reads when ``exc`` stopped a check or a download (the current version is kept)."""
    if isinstance(exc, UpdateRefused):
        return str(exc)
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        reason = "更新信息不是用本程序信任的密钥签名的，可能是伪造的，已拒绝。"
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        reason = "服务器提供的更新信息比本机已验证过的旧（回滚），可能被人替换，已拒绝。"
    elif isinstance(exc, tuf_errors.ExpiredMetadataError):
        reason = "服务器提供的更新信息已过期（可能被冻结在旧状态），已拒绝；请联系管理员重新发布。"
    elif isinstance(exc, tuf_errors.DownloadLengthMismatchError):
        reason = "下载的更新文件比签名信息所写的大，已停止下载并拒绝。"
    elif isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        reason = "下载的更新文件与签名信息不符，可能被篡改，已拒绝。"
    elif isinstance(exc, tuf_errors.DownloadHTTPError) and exc.status_code == 404:
        reason = "服务器没有提供软件更新。"
    elif isinstance(exc, tuf_errors.DownloadError | OSError) and not isinstance(exc, tuf_errors.RepositoryError):
        reason = "下载中断（服务器停止或网络断开），下次检查更新时会重新下载。"
    elif isinstance(exc, tuf_errors.RepositoryError):
        reason = "更新信息未通过验证，已拒绝。"
    else:
        reason = "更新没有完成。"
    return f"{reason}{KEPT}"


class _Fetcher(AuthRequestsFetcher):  # type: ignore[misc]
    """tufup's fetcher (with its progress hook) that closes the connection of a refused download.

    tuf's ``download_file`` leaves the response open when it stops a download that is larger
    than signed; this is the same loop with the chunks closed on every way out.
    """

    @contextlib.contextmanager
    def download_file(self, url: str, max_length: int) -> Iterator[IO[bytes]]:
        received = 0
        with tempfile.TemporaryFile() as temp_file, contextlib.closing(self.fetch(url)) as chunks:
            for chunk in chunks:
                received += len(chunk)
                if received > max_length:
                    raise tuf_errors.DownloadLengthMismatchError(f"more than the {max_length} bytes signed")
                temp_file.write(chunk)
            temp_file.seek(0)
            yield temp_file


class _Client(Client):  # type: ignore[misc]  # tufup has no type hints
    """tufup's client whose refresh may be done first, raising, and is then not repeated."""

    _refreshed = False

    def refresh(self) -> None:
        if not self._refreshed:
            super().refresh()
            self._refreshed = True


class UpdateClient:
    """The updates of ``release`` (the installed program) from the server at ``server_url``."""

    def __init__(self, release: InstalledRelease, server_url: str) -> None:
        self.release = release
        metadata = release.data_folder / "metadata"
        self.targets = release.data_folder / "targets"
        for folder in (metadata, self.targets):
            folder.mkdir(parents=True, exist_ok=True)
        if not (metadata / "root.json").exists():  # the bundled root: the trust everything starts from
            shutil.copyfile(release.root_file, metadata / "root.json")
        base = server_url.rstrip("/") + UPDATES_PATH
        self._client = _Client(
            app_name=APP_NAME,
            app_install_dir=release.folder,
            current_version=release.version,
            metadata_dir=metadata,
            metadata_base_url=f"{base}/metadata/",
            target_dir=self.targets,
            target_base_url=f"{base}/targets/",
        )
        self._client._fetcher = _Fetcher()
        self._offer: Offer | None = None

    def close(self) -> None:
        """Close the connections to the server (tuf's fetcher keeps one session per server)."""
        for session in self._client._fetcher._sessions.values():
            session.close()

    def __enter__(self) -> UpdateClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self) -> Offer | None:
        """The newest signed version above the installed one, or None; ``UpdateRefused`` if untrusted."""
        try:
            self._client.refresh()
            newest: TargetMeta | None = self._client.check_for_updates()
        except Exception as exc:
            raise UpdateRefused(refusal(exc)) from exc
        if newest is None:
            return None
        targets = self._client.new_targets
        user = newest.custom  # what ``release.py add --notes`` signed in
        notes = user.get("notes", "") if isinstance(user, dict) else ""
        self._offer = Offer(
            version=str(newest.version),
            notes=str(notes),
            download_bytes=sum(info.length for info in targets.values()),
            is_patch=all(meta.is_patch for meta in targets),
        )
        return self._offer

    def download_and_stage(self, progress: ProgressHook | None = None) -> Path:
        """Download the offer of ``check()``, verify it and unpack it beside the program (``.next``)."""
        if self._offer is None:
            raise UpdateRefused("请先检查更新。")
        hook: Any = None
        if progress is not None:

            def hook(bytes_downloaded: int, bytes_expected: int) -> None:
                progress(bytes_downloaded, bytes_expected)

        try:
            self._client._download_updates(progress_hook=hook)
            archive = self._new_archive()
            return self._stage(archive)
        except Exception as exc:
            raise UpdateRefused(refusal(exc)) from exc

    def _new_archive(self) -> Path:
        downloaded: dict[TargetMeta, Path] = self._client.downloaded_target_files
        archive: Path = self._client.new_archive_local_path
        if all(meta.is_archive for meta in downloaded):
            return archive
        try:
            Patcher.patch_and_verify(
                src_path=self._client.current_archive_local_path, dst_path=archive, patch_targets=downloaded
            )
        except Exception as exc:
            for path in downloaded.values():  # fetched again next time, as a full archive
                path.unlink(missing_ok=True)
            raise tuf_errors.LengthOrHashMismatchError("the patched archive does not match") from exc
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
            raise UpdateRefused(f"下载的更新包里的版本与签名信息不符，已拒绝。{KEPT}")
        partial.rename(final)  # complete: the next start swaps it in (desktop.updates.swap)
        return final
