"""Item models of 成绩管理: Qt's model contract (qtmodeltester), the filters and numeric sorting."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from backend_mock.clock import CHINA_TZ
from desktop.api.scores import Review, Score, SuggestedCourse
from desktop.models.scores_models import (
    ReviewTableModel,
    ScoreFilterProxy,
    ScoreTableModel,
    SuggestionTableModel,
    best_scores,
)

AT = datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ)


def score(
    session: str, code: str, name: str, value: int | None, *, kind: str = "theory", best: bool = False, **kw: object
) -> Score:
    passed = bool(kw.pop("passed", value is not None and value >= 60))
    absent = bool(kw.pop("absent", False))
    grade = kw.pop("grade", None)
    text = "缺考" if absent else (str(grade) if grade else str(value))
    year, month = session.split("-")
    return Score(
        session_code=session,
        session_name=f"{year}年{int(month)}月",
        course_code=code,
        course_name=name,
        kind=kind,
        credits=4,
        score=value,
        grade=grade,  # type: ignore[arg-type]
        absent=absent,
        passed=passed,
        result_text=text,
        best=best,
        review_status=None,
    )


SCORES = [
    score("2025-10", "00023", "高等数学(工本)", 48),
    score("2026-04", "00023", "高等数学(工本)", 100, best=True),
    score("2026-04", "02331", "数据结构", 71, best=True),
    score("2026-10", "02326", "操作系统", None, absent=True, best=True),
    score("2026-10", "04736", "数据库系统原理(实践)", None, kind="practice", grade="不合格", best=True),
    score("2025-10", "03708", "中国近现代史纲要", 9, best=True),
]


def test_score_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ScoreTableModel()
    model.set_items(SCORES)
    qtmodeltester.check(model, force_py=True)
    model.set_items(SCORES[:2])
    model.set_items([])


def test_score_filter_proxy_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ScoreTableModel()
    model.set_items(SCORES)
    proxy = ScoreFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_filters(outcome="failed")
    proxy.sort(ScoreTableModel.RESULT_COLUMN)
    proxy.set_filters(text="数据", best_only=True)
    model.set_items(SCORES[:3])


def test_review_and_suggestion_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    reviews = ReviewTableModel()
    reviews.set_items(
        [Review("FH1", "2026-10", "2026年10月", "02331", "数据结构", 58, "done", "已完成", AT, AT, AT, 61, "更正为 61")]
    )
    qtmodeltester.check(reviews, force_py=True)
    assert reviews.data(reviews.index(0, 5)) == "更正为 61"
    assert reviews.data(reviews.index(0, 7)) == "2026年11月22日"
    suggestions = SuggestionTableModel()
    suggestions.set_items(
        [SuggestedCourse("02331", "数据结构", "theory", 4, True, "SAT_AM", "4月10日", ("必考课",), "必考课")]
    )
    qtmodeltester.check(suggestions, force_py=True)


def _codes(proxy: ScoreFilterProxy) -> list[tuple[str, str]]:
    return [(s.session_code, s.course_code) for s in proxy.visible_scores()]


def test_filters_by_session_outcome_kind_text_and_best() -> None:
    model = ScoreTableModel()
    model.set_items(SCORES)
    proxy = ScoreFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == len(SCORES)
    proxy.set_filters(session_code="2026-10")
    assert {c for _, c in _codes(proxy)} == {"02326", "04736"}
    proxy.set_filters(outcome="absent")
    assert _codes(proxy) == [("2026-10", "02326")]
    proxy.set_filters(outcome="passed")
    assert {c for _, c in _codes(proxy)} == {"00023", "02331"}
    proxy.set_filters(kind="practice")
    assert _codes(proxy) == [("2026-10", "04736")]
    proxy.set_filters(text="数据")
    assert {c for _, c in _codes(proxy)} == {"02331", "04736"}
    proxy.set_filters(text="0002")
    assert len(_codes(proxy)) == 2
    proxy.set_filters(text="0002", best_only=True)
    assert _codes(proxy) == [("2026-04", "00023")]
    assert [s.course_code for s in best_scores(SCORES)] == ["00023", "02326", "02331", "03708", "04736"]


def test_scores_sort_as_numbers_and_absent_lowest() -> None:
    model = ScoreTableModel()
    model.set_items(SCORES)
    proxy = ScoreFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(kind="theory")
    proxy.sort(ScoreTableModel.RESULT_COLUMN, Qt.SortOrder.AscendingOrder)
    shown = [proxy.data(proxy.index(r, ScoreTableModel.RESULT_COLUMN)) for r in range(proxy.rowCount())]
    assert shown == ["缺考", "9", "48", "71", "100"]  # as text, "100" would come before "48"
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert proxy.visible_scores()[0].session_code == "2026-10"


def test_results_are_coloured_by_outcome() -> None:
    model = ScoreTableModel()
    model.set_items(SCORES)
    colours = {
        model.item(r).course_code + model.item(r).session_code: model.data(
            model.index(r, ScoreTableModel.OUTCOME_COLUMN), Qt.ItemDataRole.ForegroundRole
        ).color()
        for r in range(model.rowCount())
    }
    assert colours["023312026-04"] != colours["000232025-10"] != colours["023262026-10"]
