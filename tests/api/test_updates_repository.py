"""The update repository: scripts/release.py makes it, the backend serves it read-only (docs/updates.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from scripts import release
from tests.fixtures.servers import LiveServer
from tests.fixtures.updates import ROOT, make_repository

UPDATES = "/api/v1/updates"


def test_keys_inside_the_source_tree_are_refused(tmp_path: Path) -> None:
    target = ROOT / "build" / "release-keys-test"
    with pytest.raises(release.ReleaseError, match="源代码目录之内"):
        release.make_keys(target)
    assert not target.exists()


def test_keys_are_not_made_over_existing_ones(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    made = release.make_keys(keys)
    assert {p.name for p in made} >= {"root", "root.pub", "targets", "timestamp.pub"}
    before = (keys / "root").read_bytes()
    with pytest.raises(release.ReleaseError, match="已有文件"):
        release.make_keys(keys)
    assert (keys / "root").read_bytes() == before


def test_a_release_is_signed_stamped_and_older_versions_are_refused(tmp_path: Path) -> None:
    repo = make_repository(tmp_path)
    bundle = repo.add("1.0.0", "第一版")
    stamp = json.loads((bundle / "update.json").read_text(encoding="utf-8"))
    assert stamp == {"app": "zikao", "version": "1.0.0"}
    assert (bundle / "update-root.json").read_bytes() == (repo.folder / "metadata" / "1.root.json").read_bytes()
    targets = json.loads((repo.folder / "metadata" / "targets.json").read_text(encoding="utf-8"))
    assert list(targets["signed"]["targets"]) == ["zikao-1.0.0.tar.gz"]
    with pytest.raises(release.ReleaseError, match=re.escape("不比已发布的最新版本 1.0.0 新")):
        repo.add("0.9.0", "旧的")
    with pytest.raises(release.ReleaseError, match=re.escape("不是 1.2.0 这样的版本号")):
        repo.add("abc", "坏版本号")
    assert not repo.archive("0.9.0").exists()


def test_keys_inside_the_served_repository_are_refused(tmp_path: Path) -> None:
    keys = tmp_path / "repo" / "targets" / "keys"
    release.make_keys(keys)
    with pytest.raises(release.ReleaseError, match="服务器可能把私钥发出去"):
        release.init_repository(keys, tmp_path / "repo")
    assert not (tmp_path / "repo" / "metadata").exists()


def test_the_command_line_without_keys_says_what_to_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = release.main(["init", "--keys", str(tmp_path / "none"), "--repository", str(tmp_path / "repo")])
    assert code == 1
    assert "先运行 release.py keys" in capsys.readouterr().err


def test_the_backend_serves_the_repository_read_only(tmp_path: Path, server_factory: Callable[..., LiveServer]) -> None:
    repo = make_repository(tmp_path)
    repo.add("1.0.0", "第一版", payload=b"A" * 1000)
    (tmp_path / "secret.txt").write_text("not to be served", encoding="utf-8")
    (repo.folder / "targets" / ".hidden").write_text("hidden", encoding="utf-8")
    server = server_factory(update_repository=repo.folder)
    base = server.url + UPDATES

    timestamp = requests.get(f"{base}/metadata/timestamp.json", timeout=10)
    assert timestamp.status_code == 200
    assert timestamp.content == (repo.folder / "metadata" / "timestamp.json").read_bytes()
    archive = requests.get(f"{base}/targets/zikao-1.0.0.tar.gz", timeout=10)
    assert archive.content == repo.archive("1.0.0").read_bytes()

    refused = [
        f"{base}/metadata/",
        f"{base}/targets/",
        f"{base}/targets/.hidden",
        f"{base}/targets/..%2Fmetadata%2Froot.json",
        f"{base}/targets/%2E%2E%2F%2E%2E%2Fsecret.txt",
        f"{base}/metadata/..",
        f"{base}/targets/../../secret.txt",
        f"{base}/targets/nothing.tar.gz",
        f"{base}/keys/root",
    ]
    for url in refused:
        answer = requests.get(url, timeout=10, allow_redirects=False)
        assert answer.status_code == 404, url
        assert b"not to be served" not in answer.content and b"hidden" not in answer.content, url
    assert requests.put(f"{base}/targets/zikao-9.0.0.tar.gz", data=b"x", timeout=10).status_code == 405
    assert not repo.archive("9.0.0").exists()


def test_without_a_repository_the_backend_offers_no_updates(live_server: LiveServer) -> None:
    answer = requests.get(f"{live_server.url}{UPDATES}/metadata/timestamp.json", timeout=10)
    assert answer.status_code == 404
    assert answer.json()["error"]["message"] == "此服务器不提供软件更新"


def test_the_command_line_serves_the_folder_it_is_given(tmp_path: Path) -> None:
    from backend_mock.cli import parse_args, settings_for
    from backend_mock.settings import Mode

    args = parse_args(["--update-repository", str(tmp_path / "repo")])
    assert settings_for(Mode.PRODUCTION, args.update_repository).update_repository == (tmp_path / "repo").resolve()
    assert settings_for(Mode.DEMO).update_repository is None
