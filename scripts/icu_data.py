"""The ICU data library of the Linux bundle, cut down to what Qt uses for this program (build.spec).

PySide6's Qt links ICU, whose ``libicudata.so.NN`` carries 32 MB of data for every language
(the largest file of the bundle).  Qt asks ICU for collation (sorting, e.g. the file dialog),
time-zone names and case mapping in the system's locale; the program's own text handling is
Python's.  ``filter_icu_data`` rebuilds the library with the items of the root, English and
Chinese locales and the locale-independent data, and without

- codepage converters (``*.cnv``): Qt's own UTF-8/16 and Latin-1 need none, files are decoded
  in Python;
- the word dictionaries of ``brkitr`` (Thai, Lao, Khmer, Burmese, CJK word breaking) and the
  transliterators (``translit``): Qt breaks text with its own tables and transliterates nothing;
- the locale data of every other language (ICU falls back to root for them).

The data is the ICU "common data" package (a table of contents of named items, each aligned to
16 bytes) that the library exports as ``icudtNN_dat``; the new library is assembled and linked
with binutils (``as``, ``ld``: PyInstaller needs binutils on Linux anyway, see
scripts/system_packages.sh).  Without them the original library is kept, with a warning.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

LIBRARY = re.compile(r"(^|/)libicudata\.so\.(\d+)$")
# locales whose data stays (with their scripts and regions); "root" is everybody's fallback
KEPT_LOCALES = re.compile(r"^(root|en|en_US|en_001|zh|zh_CN|zh_Hans|zh_Hans_CN)$")
# an item named like a locale (language, optional script/region/variant): ksh, zh_Hant_TW, de__PHONEBOOK
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
DROPPED_TREES = ("translit",)
DROPPED_KINDS = ("cnv", "dict")


def keep_item(name: str) -> bool:
    """Whether the item ``name`` of the package (``icudt73l/coll/zh.res``) stays."""
    parts = name.split("/")[1:]  # without the package name
    tree = parts[0] if len(parts) > 1 else ""
    stem, _, kind = parts[-1].rpartition(".")
    if tree in DROPPED_TREES or kind in DROPPED_KINDS:
        return False
    return not (kind == "res" and LOCALE_NAME.match(stem) and not KEPT_LOCALES.match(stem))


def _symbol_bytes(elf: bytes, pattern: re.Pattern[bytes]) -> tuple[bytes, bytes]:
    """(name, contents) of the exported data symbol whose name matches ``pattern`` (ELF64 LE)."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _, sh_type, _, _, offset, size, link, _, _, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, entsize):
            st_name, _, _, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", elf, at)
            name = elf[strtab + st_name : elf.index(b"\0", strtab + st_name)]
            if pattern.fullmatch(name) and 0 < st_shndx < shnum:
                section = sections[st_shndx]
                start = st_value - section[3] + section[4]
                return name, elf[start : start + st_size]
    raise ValueError(f"no symbol {pattern.pattern!r}")


def filter_package(data: bytes) -> tuple[bytes, int, int]:
    """The common-data package ``data`` with only the kept items: (package, items kept, items in all)."""
    header_size, magic = struct.unpack_from("<H2s", data, 0)
    if magic != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(data) - toc]
    items = []
    for (name_at, offset), end in zip(entries, ends, strict=True):
        name = data[toc + name_at : data.index(b"\0", toc + name_at)]
        if keep_item(name.decode("ascii")):
            items.append((name, data[toc + offset : toc + end]))
    # the table of contents stays sorted by name (ICU looks items up by binary search)
    names = b"".join(name + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    first_item = -(-(table_size + len(names)) // 16) * 16
    table, body = [struct.pack("<I", len(items))], bytearray()
    name_at = table_size
    for name, item in items:
        table.append(struct.pack("<II", name_at, first_item + len(body)))
        name_at += len(name) + 1
        body += item + b"\0" * (-len(item) % 16)
    head = b"".join(table) + names
    package = data[:toc] + head + b"\0" * (first_item - len(head)) + bytes(body)
    return package, len(items), count


def build_library(source: Path, target: Path) -> tuple[int, int]:
    """Write the cut-down copy of the ICU data library ``source`` to ``target``: (items kept, all)."""
    symbol, data = _symbol_bytes(source.read_bytes(), re.compile(rb"icudt\d+_dat"))
    package, kept, total = filter_package(data)
    work = target.parent
    work.mkdir(parents=True, exist_ok=True)
    (work / "icudata.dat").write_bytes(package)
    name = symbol.decode("ascii")
    (work / "icudata.s").write_text(
        f"\t.section .rodata\n\t.globl {name}\n\t.type {name}, @object\n\t.balign 16\n{name}:\n"
        f'\t.incbin "icudata.dat"\n\t.size {name}, . - {name}\n\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=work, check=True)
    subprocess.run(
        ["ld", "-shared", "-soname", source.name, "-z", "noexecstack", "-o", str(target), "icudata.o"],
        cwd=work,
        check=True,
    )
    return kept, total


def filter_icu_data(binaries: list[tuple[str, str, str]], work: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries with the ICU data library replaced by its cut-down copy (Linux)."""
    if not sys.platform.startswith("linux") or not (shutil.which("as") and shutil.which("ld")):
        if sys.platform.startswith("linux"):
            print("icu_data: WARNING — binutils (as, ld) missing: the full ICU data stays in the bundle")
        return binaries
    result = []
    for dest, source, kind in binaries:
        if LIBRARY.search(dest.replace("\\", "/")):
            target = work / "icu" / Path(dest).name
            kept, total = build_library(Path(source), target)
            print(f"icu_data: {dest}: {kept} of {total} items kept, {target.stat().st_size / 1e6:.1f} MB")
            source = str(target)
        result.append((dest, source, kind))
    return result
