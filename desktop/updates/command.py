"""``zikao --update-from URL``: check, download, verify and stage an update without the GUI.

For testers and the Windows workflow (docs/updates.md): typing the command is the consent; the
update is installed at the next start like one agreed to in the dialog.  Prints each step; exit 0
when an update was staged or none is newer, 1 (with the reason) when it was refused.  It runs
without a Qt application, so no catalogue is installed: its reasons are printed in Chinese in
both languages (the GUI translates the same texts where it shows them, docs/i18n.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.i18n.marks import QT_TR_NOOP
from desktop.updates.bundle import read_release

UPDATE_OPTION = "--update-from"
FROM_SOURCE = QT_TR_NOOP("从源代码运行，不提供更新")
NOT_RELEASED = QT_TR_NOOP("这份程序不是正式发布的版本，不提供更新")


def run(server_url: str, folder: Path | None) -> int:
    from desktop.updates.client import UpdateClient, UpdateRefused

    release = read_release(folder) if folder is not None else None
    if release is None:
        print(f"update: {FROM_SOURCE if folder is None else NOT_RELEASED}", file=sys.stderr)
        return 1
    try:
        with UpdateClient(release, server_url) as client:
            offer = client.check()
            if offer is None:
                print(f"update: 已是最新版本 {release.version}")
                return 0
            kind = "patch" if offer.is_patch else "full archive"
            print(f"update: {release.version} → {offer.version}, {offer.download_bytes} bytes ({kind}): {offer.notes}")
            staged = client.download_and_stage()
    except UpdateRefused as exc:
        print(f"update: {exc}", file=sys.stderr)
        return 1
    print(f"update: verified and staged in {staged}; installed at the next start")
    return 0
