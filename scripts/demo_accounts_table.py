"""Write the demo account table into README.md (between the demo-accounts markers)."""

from __future__ import annotations

import re
from pathlib import Path

from backend_mock.seed import DEMO_ACCOUNTS

README = Path(__file__).resolve().parent.parent / "README.md"
KINDS = {"examinee": "考生", "staff": "工作人员", "applicant": "报名待审核"}


def table() -> str:
    rows = ["| 账号 | 类型 | 姓名 | 状态 |", "|---|---|---|---|"]
    rows += [f"| `{a.account}` | {KINDS[a.kind]} | {a.name} | {a.description} |" for a in DEMO_ACCOUNTS]
    return "\n".join(rows)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new = re.sub(
        r"(<!-- demo-accounts:start -->\n).*?(\n<!-- demo-accounts:end -->)",
        lambda m: m.group(1) + table() + m.group(2),
        text,
        flags=re.S,
    )
    README.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
