"""The program's update client against a real repository served by the real backend (docs/updates.md).

Every refusal leaves the installed version as it was: its folder unchanged and nothing staged.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.updates.bundle import InstalledRelease, read_release
from desktop.updates.client import KEPT, UpdateClient, UpdateRefused
from tests.fixtures.servers import LiveServer
from tests.fixtures.updates import EXPIRED, KIB, UpdateRepository, make_repository


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def assert_intact(installed_release: InstalledRelease, digest: str) -> None:
    assert folder_digest(installed_release.folder) == digest
    assert not installed_release.next_folder.exists()
    assert read_release(installed_release.folder) == installed_release


def refused(installed_release: InstalledRelease, server: LiveServer) -> str:
    with UpdateClient(installed_release, server.url) as client, pytest.raises(UpdateRefused) as caught:
        client.check()
        client.download_and_stage()
    message = str(caught.value)
    assert message.endswith(KEPT)
    return message


def test_no_newer_version_means_no_offer(
    update_repo: UpdateRepository, installed_release: InstalledRelease, server_factory: Callable[..., LiveServer]
) -> None:
    server = server_factory(update_repository=update_repo.folder)
    with UpdateClient(installed_release, server.url) as client:
        assert client.check() is None


def test_a_tampered_archive_is_refused(
    update_repo: UpdateRepository, installed_release: InstalledRelease, server_factory: Callable[..., LiveServer]
) -> None:
    update_repo.add("1.1.0", "第二版", payload=os.urandom(64 * KIB))
    archive = update_repo.archive("1.1.0")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, one byte changed
    archive.write_bytes(bytes(data))
    digest = folder_digest(installed_release.folder)
    message = refused(installed_release, server_factory(update_repository=update_repo.folder))
    assert "与签名信息不符，可能被篡改" in message
    assert_intact(installed_release, digest)
    assert not (installed_release.data_folder / "targets" / archive.name).exists()


def test_a_larger_download_than_signed_is_refused(
    update_repo: UpdateRepository, installed_release: InstalledRelease, server_factory: Callable[..., LiveServer]
) -> None:
    update_repo.add("1.1.0", "第二版", payload=os.urandom(64 * KIB))
    with update_repo.archive("1.1.0").open("ab") as archive:
        archive.write(os.urandom(512 * KIB))
    digest = folder_digest(installed_release.folder)
    message = refused(installed_release, server_factory(update_repository=update_repo.folder))
    assert "比签名信息所写的大" in message
    assert_intact(installed_release, digest)


def test_metadata_signed_by_an_unknown_key_is_refused(
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    server_factory: Callable[..., LiveServer],
    tmp_path: Path,
) -> None:
    # somebody else's keys and repository, published where ours was
    other = tmp_path / "other"
    other.mkdir()
    stranger = make_repository(other)
    stranger.add("9.0.0", "伪造的版本")
    shutil.rmtree(update_repo.folder)
    shutil.copytree(stranger.folder, update_repo.folder)
    digest = folder_digest(installed_release.folder)
    message = refused(installed_release, server_factory(update_repository=update_repo.folder))
    assert "不是用本程序信任的密钥签名的" in message
    assert_intact(installed_release, digest)


def test_older_metadata_offered_after_newer_is_refused_as_rollback(
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    server_factory: Callable[..., LiveServer],
    tmp_path: Path,
) -> None:
    old_metadata = tmp_path / "old-metadata"
    shutil.copytree(update_repo.folder / "metadata", old_metadata)
    update_repo.add("1.1.0", "第二版")
    server = server_factory(update_repository=update_repo.folder)
    with UpdateClient(installed_release, server.url) as client:
        offer = client.check()
    assert offer is not None and offer.version == "1.1.0"
    # the server now hands out the state before 1.1.0 again (validly signed, but older)
    shutil.rmtree(update_repo.folder / "metadata")
    shutil.copytree(old_metadata, update_repo.folder / "metadata")
    digest = folder_digest(installed_release.folder)
    message = refused(installed_release, server)
    assert "比本机已验证过的旧（回滚）" in message
    assert_intact(installed_release, digest)


def test_expired_metadata_is_refused_as_freeze(
    update_repo: UpdateRepository, installed_release: InstalledRelease, server_factory: Callable[..., LiveServer]
) -> None:
    update_repo.add("1.1.0", "第二版", expiration_days=EXPIRED)
    digest = folder_digest(installed_release.folder)
    message = refused(installed_release, server_factory(update_repository=update_repo.folder))
    assert "已过期（可能被冻结在旧状态）" in message
    assert_intact(installed_release, digest)


@contextlib.contextmanager
def backend_process(repository: Path, db: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``zikao-mock-backend --update-repository`` as a process of its own (so it can be killed)."""
    command = [sys.executable, "-m", "backend_mock", "--port", "0", "--mode", "test", "--no-seed"]
    command += ["--db", f"sqlite:///{db}", "--update-repository", str(repository)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"listening on (http://\S+)", line)
        assert url, f"the backend did not start: {line!r}"
        yield process, url.group(1)
    finally:
        process.kill()
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()


def test_a_server_stopping_midway_is_retried_next_time(
    update_repo: UpdateRepository, installed_release: InstalledRelease
) -> None:
    update_repo.add("1.1.0", "第二版", payload=os.urandom(24 * KIB * KIB))  # random: gzip cannot shrink it
    digest = folder_digest(installed_release.folder)
    seen: list[int] = []
    with (
        backend_process(update_repo.folder, update_repo.work / "first.db") as (process, url),
        UpdateClient(installed_release, url) as client,
    ):
        offer = client.check()
        assert offer is not None

        def progress(done: int, total: int) -> None:
            seen.append(done)
            if len(seen) == 1:
                process.kill()  # the server is gone before the rest is read
                process.wait(30)

        with pytest.raises(UpdateRefused, match="下载中断（服务器停止或网络断开），下次检查更新时会重新下载"):
            client.download_and_stage(progress)
    assert seen and seen[-1] < offer.download_bytes
    assert_intact(installed_release, digest)
    # next time (the server is back): downloaded again, verified, staged
    with (
        backend_process(update_repo.folder, update_repo.work / "second.db") as (_, url),
        UpdateClient(installed_release, url) as retry,
    ):
        assert retry.check() == offer
        staged = retry.download_and_stage()
    again = read_release(staged)
    assert again is not None and again.version == "1.1.0"


def wait_for_text(path: Path, timeout_s: float = 60.0) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8"):
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{path} was not written in {timeout_s} s")


def test_an_update_from_a_to_b_restarts_into_b(
    update_repo: UpdateRepository, server_factory: Callable[..., LiveServer], tmp_path: Path
) -> None:
    payload = os.urandom(256 * KIB)
    installed_release = update_repo.install(update_repo.add("1.0.0", "第一版", payload=payload))
    update_repo.add("1.1.0", "修正了准考证打印", payload=payload[: 200 * KIB] + b"B" * (60 * KIB))
    server = server_factory(update_repository=update_repo.folder)
    with UpdateClient(installed_release, server.url) as client:
        offer = client.check()
        assert offer is not None
        progress: list[tuple[int, int]] = []
        staged = client.download_and_stage(lambda done, total: progress.append((done, total)))
    assert (offer.version, offer.notes, offer.is_patch) == ("1.1.0", "修正了准考证打印", False)
    assert offer.download_bytes == update_repo.archive("1.1.0").stat().st_size
    assert progress[-1] == (offer.download_bytes, offer.download_bytes)
    assert folder_digest(staged) != folder_digest(installed_release.folder)

    # the next start of A hands over to B, which swaps itself in and starts from the install folder
    out = tmp_path / "started.txt"
    subprocess.run([sys.executable, str(installed_release.folder / "app.py"), str(out)], check=True, timeout=60)
    assert wait_for_text(out) == "1.1.0"
    now = read_release(installed_release.folder)
    assert now is not None and now.version == "1.1.0"
    assert (installed_release.folder / "payload.bin").read_bytes().endswith(b"B" * (60 * KIB))
    # a later start cleans up what the swap left beside the folder
    out.unlink()
    subprocess.run([sys.executable, str(installed_release.folder / "app.py"), str(out)], check=True, timeout=60)
    assert wait_for_text(out) == "1.1.0"
    assert not installed_release.next_folder.exists()
    assert not installed_release.folder.with_name("zikao.old").exists()


def test_a_patch_is_offered_when_the_current_archive_is_at_hand(
    update_repo: UpdateRepository, server_factory: Callable[..., LiveServer]
) -> None:
    payload = os.urandom(256 * KIB)
    installed_release = update_repo.install(update_repo.add("1.0.0", "第一版", payload=payload))
    update_repo.add("1.1.0", "第二版", payload=payload[: 200 * KIB] + b"B" * (60 * KIB))
    # a program that came by update keeps the archive it was installed from
    (installed_release.data_folder / "targets").mkdir(parents=True)
    shutil.copy(update_repo.archive("1.0.0"), installed_release.data_folder / "targets")
    server = server_factory(update_repository=update_repo.folder)
    with UpdateClient(installed_release, server.url) as client:
        offer = client.check()
        staged = client.download_and_stage()
    patch = update_repo.folder / "targets" / "zikao-1.1.0.patch"
    assert offer is not None and offer.is_patch
    assert offer.download_bytes == patch.stat().st_size < update_repo.archive("1.1.0").stat().st_size // 4
    assert (staged / "payload.bin").read_bytes() == payload[: 200 * KIB] + b"B" * (60 * KIB)


def test_the_update_command_stages_and_refuses_like_the_dialog(
    update_repo: UpdateRepository,
    installed_release: InstalledRelease,
    server_factory: Callable[..., LiveServer],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.updates import command

    server = server_factory(update_repository=update_repo.folder)
    assert command.run(server.url, installed_release.folder) == 0
    assert "已是最新版本 1.0.0" in capsys.readouterr().out
    update_repo.add("1.1.0", "第二版")
    assert command.run(server.url, installed_release.folder) == 0
    out = capsys.readouterr().out
    assert "1.0.0 → 1.1.0" in out and "installed at the next start" in out
    assert read_release(installed_release.next_folder) is not None
    assert command.run(server.url, None) == 1
    assert "从源代码运行，不提供更新" in capsys.readouterr().err
