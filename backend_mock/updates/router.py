"""软件更新: the TUF repository of the packaged program, served read-only from a folder (docs/updates.md).

The folder is ``Settings.update_repository`` (``zikao-mock-backend --update-repository DIR``), the
one ``scripts/release.py`` writes: ``metadata/`` (signed TUF metadata) and ``targets/`` (archives and
patches).  Present in every mode; without a folder every file is "not found".  A name is one plain
file name of that folder: no sub-folders, no hidden files, no directory listing, nothing outside.
Nothing here needs trust in the server: the program verifies every file against the signed metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse

from backend_mock.api.deps import AdminDep, CtxDep, SessionDep, StaffDep
from backend_mock.errors import NotFound
from backend_mock.updates.policy import UpdatePolicyPublic, UpdatePolicyUpdate, change_policy, read_policy

router = APIRouter(prefix="/updates", tags=["updates"])

# what tufup and python-tuf name their files: 3.root.json, timestamp.json, zikao-1.2.0.tar.gz, zikao-1.2.0.patch
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")
FOLDERS = ("metadata", "targets")

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "not_found"}}


def repository_file(repository: Path | None, folder: str, name: str) -> Path:
    """The file ``name`` of ``repository/folder``; ``NotFound`` for anything else."""
    if repository is None:
        raise NotFound("此服务器不提供软件更新", code="updates_not_offered")
    if folder not in FOLDERS or not FILE_NAME.fullmatch(name) or ".." in name:
        raise NotFound("没有这个更新文件")
    base = (repository / folder).resolve()
    path = (base / name).resolve()
    if path.parent != base or not path.is_file():
        raise NotFound("没有这个更新文件")
    return path


@router.get("/metadata/{name}", operation_id="updates-metadata", responses=_NOT_FOUND)
def metadata_file(name: str, ctx: CtxDep) -> FileResponse:
    """A signed metadata file (root, timestamp, snapshot, targets)."""
    path = repository_file(ctx.settings.update_repository, "metadata", name)
    return FileResponse(path, media_type="application/json", headers={"Cache-Control": "no-store"})


@router.get("/targets/{name}", operation_id="updates-target", responses=_NOT_FOUND)
def target_file(name: str, ctx: CtxDep) -> FileResponse:
    """An archive (``zikao-<version>.tar.gz``) or a patch (``zikao-<version>.patch``)."""
    path = repository_file(ctx.settings.update_repository, "targets", name)
    return FileResponse(path, media_type="application/octet-stream")


@router.get("/policy", operation_id="updates-policy")
def policy(user: StaffDep, db: SessionDep, ctx: CtxDep) -> UpdatePolicyPublic:
    """Whether counter PCs defer updates until closing time (any logged-in staff member)."""
    return read_policy(db, ctx)


@router.put("/policy", operation_id="updates-change_policy")
def change(body: UpdatePolicyUpdate, user: AdminDep, db: SessionDep, ctx: CtxDep) -> UpdatePolicyPublic:
    """An administrator turns the deferral on or off and sets closing time (audited)."""
    return change_policy(db, ctx, user, body)
