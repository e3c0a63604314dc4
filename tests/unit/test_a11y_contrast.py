"""The contrast of the style sheets (scripts/a11y_check.py, docs/accessibility.md): WCAG 4.5:1, 3:1 large."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from a11y_check import SHEETS, contrast_failures, contrast_ratio, parse_colour, qss_rules

from desktop import resources


def test_the_ratio_is_wcags() -> None:
    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # #767676


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_pair_of_the_shipped_sheets_passes(sheet: str) -> None:
    text = resources.read_text(sheet)
    assert any("color" in rule.props for rule in qss_rules(text)), "the sheet has text colours to check"
    assert contrast_failures(text, sheet) == []


def test_a_pale_text_on_its_own_background_is_flagged() -> None:
    found = contrast_failures("QLabel#hint { color: #a0aec0; background: #ffffff; }")
    assert len(found) == 1 and "QLabel#hint" in found[0] and "2.2" in found[0]


def test_a_text_colour_without_background_is_judged_on_every_surface() -> None:
    sheet = "QDialog { background: #333333; } QFrame#card { background: #ffffff; } QLabel#x { color: #777777; }"
    found = contrast_failures(sheet)
    # #777777 is 4.48:1 on white (the card's and the default) and 2.82:1 on #333333: two surfaces fail
    assert len(found) == 2 and all("QLabel#x" in line for line in found)
    assert any("2.82:1" in line for line in found)


def test_large_text_needs_three_to_one() -> None:
    pair = "color: #949494; background: #ffffff;"  # 3.03:1
    assert contrast_failures(f"QLabel {{ {pair} }}")
    assert contrast_failures(f"QLabel {{ {pair} font-size: 18pt; }}") == []
    assert contrast_failures(f"QLabel {{ {pair} font-size: 14pt; font-weight: bold; }}") == []
    assert contrast_failures(f"QLabel {{ {pair} font-size: 14pt; }}")


def test_disabled_controls_are_exempt_and_selections_are_checked() -> None:
    assert contrast_failures("QPushButton:disabled { color: #cccccc; background: #ffffff; }") == []
    found = contrast_failures("QTableView { selection-background-color: #ffff00; selection-color: #ffffff; }")
    assert len(found) == 1 and "selected text" in found[0]


def test_colours_in_every_notation() -> None:
    assert parse_colour("#fff") == (255, 255, 255, 1.0)
    assert parse_colour("#80ff0000") == pytest.approx((255, 0, 0, 128 / 255))
    assert parse_colour("rgb(10, 20, 30)") == (10, 20, 30, 1.0)
    assert parse_colour("transparent") is None
