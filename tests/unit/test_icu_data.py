"""The bundle's cut-down ICU data (scripts/icu_data.py): Qt still sorts Chinese by pinyin with it.

The library is built from PySide6's own ``libicudata`` and loaded in place of it (``LD_PRELOAD``)
in a fresh interpreter, which then sorts names, maps case and names a time zone through Qt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import icu_data

SOURCES = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not SOURCES or not (shutil.which("as") and shutil.which("ld")),
    reason="PySide6 carries ICU and the bundle filters it only on Linux (needs binutils' as and ld)",
)

PROBE = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
names = ["张三", "李四", "王五", "赵六", "安七", "欧阳八"]
print(",".join(sorted(names, key=QCollator(QLocale("zh_CN")).sortKey)))
print(QLocale("tr_TR").toUpper("istanbul"))
zone = QTimeZone(b"Asia/Shanghai")
long = QTimeZone.NameType.LongName
standard = QTimeZone.TimeType.StandardTime
print(zone.displayName(standard, long, QLocale("zh_CN")))
print(zone.displayName(standard, long, QLocale("fr_FR")))
"""


def _probe(library: Path | None) -> list[str]:
    env = dict(os.environ)
    if library is not None:
        env["LD_PRELOAD"] = str(library)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, check=True
    )
    return done.stdout.splitlines()


def test_the_cut_down_data_keeps_chinese_and_english_and_drops_the_rest(tmp_path: Path) -> None:
    target = tmp_path / SOURCES[0].name
    kept, total = icu_data.build_library(SOURCES[0], target)
    assert 0 < kept < total / 10
    assert target.stat().st_size < SOURCES[0].stat().st_size / 4

    full, cut = _probe(None), _probe(target)
    assert cut[0] == "安七,李四,欧阳八,王五,张三,赵六"  # pinyin: an, li, ouyang, wang, zhang, zhao
    assert cut[:3] == full[:3]  # the same sorting, case mapping and Chinese zone name as the full data
    assert cut[2] == "中国标准时间"
    assert full[3] != cut[3] == "China Standard Time"  # French names are gone: ICU falls back to English


def test_which_items_stay() -> None:
    keep = icu_data.keep_item
    assert keep("icudt73l/coll/zh.res") and keep("icudt73l/coll/root.res") and keep("icudt73l/coll/ucadata.icu")
    assert keep("icudt73l/zone/zh_Hans_CN.res") and keep("icudt73l/supplementalData.res") and keep("icudt73l/pool.res")
    assert not keep("icudt73l/coll/fr.res") and not keep("icudt73l/zone/zh_Hant_TW.res")
    assert not keep("icudt73l/coll/de__PHONEBOOK.res") and not keep("icudt73l/ksh.res")
    assert not keep("icudt73l/gb18030.cnv") and not keep("icudt73l/brkitr/cjdict.dict")
    assert not keep("icudt73l/translit/root.res")
