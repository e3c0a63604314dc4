"""Choosing the exam site: prefecture → county → site, with the seats left.

In phase 1 only the home prefecture is offered; in phase 2 every prefecture.  Once the examinee
has an order in this session the site is fixed (all courses of one session at one site): the
picker then only shows it.  The sites of a prefecture are loaded on a worker when it is chosen
and kept until ``reload()``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.api.types import Prefecture, SiteOption
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import buddy_label, hint

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

log = logging.getLogger(__name__)


def site_text(site: SiteOption) -> str:
    seats = tr("余座 %n", None, site.seats_left) if site.seats_left > 0 else tr("已满")
    return tr("{name}（{seats}）").format(name=site.name, seats=seats)


class SitePicker(QWidget):
    """Three combo boxes; ``site_changed`` carries the chosen ``SiteOption`` or ``None``."""

    site_changed = Signal(object)

    def __init__(self, client: ApiClient, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitePicker")
        self.client = client
        self.runner = runner
        self._sites: dict[str, list[SiteOption]] = {}  # prefecture code → its sites
        self._loading: str | None = None
        self._fixed: SiteOption | None = None
        self._home = ""
        self._enabled = True
        self._wanted_site: SiteOption | None = None  # the last site chosen, kept across reloads

        self.prefecture_combo = QComboBox()
        self.prefecture_combo.setObjectName("prefectureCombo")
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        self.site_combo = QComboBox()
        self.site_combo.setObjectName("siteCombo")
        self.site_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.site_combo.setMinimumContentsLength(16)
        self.site_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for combo, accessible in (
            (self.prefecture_combo, tr("市州")),
            (self.county_combo, tr("区县")),
            (self.site_combo, tr("考点")),
        ):
            combo.setAccessibleName(accessible)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        labels = []
        for text, combo in (
            (tr("市州(&Z)"), self.prefecture_combo),
            (tr("区县(&X)"), self.county_combo),
            (tr("考点(&D)"), self.site_combo),
        ):
            label = buddy_label(text, combo)
            labels.append(label)
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(self.prefecture_combo, 0, 1)
        grid.addWidget(labels[1], 0, 2)
        grid.addWidget(self.county_combo, 0, 3)
        grid.addWidget(labels[2], 1, 0)
        grid.addWidget(self.site_combo, 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.address_label = QLabel()
        self.address_label.setObjectName("siteAddress")
        self.address_label.setWordWrap(True)
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label = hint()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.address_label)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)

        self.prefecture_combo.currentIndexChanged.connect(self._prefecture_chosen)
        self.county_combo.currentIndexChanged.connect(self._county_chosen)
        self.site_combo.currentIndexChanged.connect(self._site_chosen)

    # --- state ---------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading is not None

    @property
    def fixed(self) -> bool:
        return self._fixed is not None

    def current_site(self) -> SiteOption | None:
        if self._fixed is not None:
            return self._fixed
        site = self.site_combo.currentData()
        return site if isinstance(site, SiteOption) and site.seats_left > 0 else None

    def set_choices(self, prefectures: list[Prefecture], home_code: str, *, phase1: bool, enabled: bool) -> None:
        """Offer ``prefectures`` (only the home one in phase 1), the home one chosen first."""
        self._fixed = None
        self._home = home_code
        self._enabled = enabled
        offered = [p for p in prefectures if p.code == home_code] if phase1 else list(prefectures)
        previous = self.prefecture_combo.currentData()
        self.prefecture_combo.blockSignals(True)
        self.prefecture_combo.clear()
        for prefecture in offered:
            self.prefecture_combo.addItem(prefecture.name, prefecture.code)
        wanted = previous if previous in [p.code for p in offered] else home_code
        self.prefecture_combo.setCurrentIndex(max(0, self.prefecture_combo.findData(wanted)))
        self.prefecture_combo.blockSignals(False)
        home = next((p.name for p in prefectures if p.code == home_code), "")
        if phase1:
            self.hint_label.setText(tr("第一阶段只能选择本市州（{home}）的考点。").format(home=home))
        else:
            self.hint_label.setText(tr("本考次报考的所有课程都在所选考点考试。"))
        for combo in (self.prefecture_combo, self.county_combo, self.site_combo):
            combo.setEnabled(enabled)
        self.prefecture_combo.setEnabled(enabled and len(offered) > 1)
        self._prefecture_chosen()

    def set_fixed_site(self, site: SiteOption) -> None:
        """The site is fixed by an earlier order of this session: show it, offer nothing else."""
        self._fixed = site
        for combo, text in (
            (self.prefecture_combo, site.prefecture_name),
            (self.county_combo, site.county_name),
            (self.site_combo, site.name),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(text, site if combo is self.site_combo else None)
            combo.setEnabled(False)
            combo.blockSignals(False)
        self.address_label.setText(tr("地址：{address}").format(address=site.address))
        self.hint_label.setText(tr("您本考次已有订单，考点已确定：本考次的所有课程都在该考点考试。"))
        self.site_changed.emit(site)

    def reload(self) -> None:
        """Forget the loaded sites (seats change) and load the chosen prefecture again."""
        self._sites.clear()
        if self._fixed is None:
            self._prefecture_chosen()

    def preload(self, code: str, sites: list[SiteOption]) -> None:
        """The sites of prefecture ``code``, loaded with the page: offered without asking again."""
        self._sites[code] = list(sites)

    def reload_on_next_choice(self) -> None:
        """Forget the loaded sites; the next ``set_choices`` loads them again (fresh seat counts)."""
        self._sites.clear()

    # --- behaviour ---------------------------------------------------------------------------------------
    def _prefecture_chosen(self) -> None:
        if self._fixed is not None:
            return
        code = self.prefecture_combo.currentData()
        if not isinstance(code, str):
            self._fill_counties([])
            return
        if code in self._sites:
            self._fill_counties(self._sites[code])
            return
        if self._loading == code:
            return
        self._loading = code
        for combo in (self.county_combo, self.site_combo):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.address_label.setText(tr("正在加载考点…"))
        self.site_changed.emit(None)
        client = self.client
        self.runner.run(
            lambda: client.registration.sites(code),
            lambda sites: self._sites_loaded(code, sites),
            lambda exc: self._sites_failed(code, exc),
            owner=self,
        )

    def _sites_loaded(self, code: str, sites: list[SiteOption]) -> None:
        if self._loading == code:
            self._loading = None
        self._sites[code] = [s for s in sites if s.prefecture_code == code] or list(sites)
        if self._fixed is None and self.prefecture_combo.currentData() == code:
            self._fill_counties(self._sites[code])

    def _sites_failed(self, code: str, exc: Exception) -> None:
        if self._loading == code:
            self._loading = None
        self.address_label.setText(
            tr("考点加载失败：{user_message}（按 F5 重试）").format(user_message=user_message(exc))
        )

    def _fill_counties(self, sites: list[SiteOption]) -> None:
        wanted = self._wanted_site
        previous = wanted.county_code if wanted is not None else self.county_combo.currentData()
        counties: dict[str, str] = {}
        for site in sorted(sites, key=lambda s: (s.county_code, s.code)):
            counties.setdefault(site.county_code, site.county_name)
        self.county_combo.blockSignals(True)
        self.county_combo.clear()
        for county_code, name in counties.items():
            self.county_combo.addItem(name, county_code)
        index = self.county_combo.findData(previous)
        self.county_combo.setCurrentIndex(index if index >= 0 else 0)
        self.county_combo.blockSignals(False)
        if not counties:
            self.address_label.setText(tr("该市州暂无考点。"))
        self._county_chosen()

    def _county_chosen(self) -> None:
        if self._fixed is not None:
            return
        code = self.prefecture_combo.currentData()
        county = self.county_combo.currentData()
        sites = [s for s in self._sites.get(code, []) if s.county_code == county]
        previous_id = self._wanted_site.id if self._wanted_site is not None else None
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        model = self.site_combo.model()
        first_open = -1
        for site in sites:
            self.site_combo.addItem(site_text(site), site)
            if isinstance(model, QStandardItemModel):
                item = model.item(self.site_combo.count() - 1)
                if item is not None and site.seats_left <= 0:
                    item.setEnabled(False)
                    item.setToolTip(tr("该考点座位已满，请选择其他考点"))
            if site.seats_left > 0 and first_open < 0:
                first_open = self.site_combo.count() - 1
        keep = next((i for i, s in enumerate(sites) if s.id == previous_id and s.seats_left > 0), -1)
        self.site_combo.setCurrentIndex(keep if keep >= 0 else first_open)
        self.site_combo.blockSignals(False)
        if sites and first_open < 0:
            self.address_label.setText(tr("该区县的考点座位已满，请选择其他区县或市州。"))
        self._site_chosen()

    def _site_chosen(self) -> None:
        site = self.current_site()
        if site is not None and self._fixed is None:
            self._wanted_site = site
        if site is not None:
            self.address_label.setText(
                tr("地址：{address}　座位：余 {seats_left} / 共 {capacity}").format(
                    address=site.address, seats_left=site.seats_left, capacity=site.capacity
                )
            )
        elif self._loading is None and self.county_combo.count() and self.site_combo.count():
            self.address_label.setText(tr("请选择考点。"))
        self.site_changed.emit(site)

    def select_site(self, site_id: int) -> bool:
        """Choose the site ``site_id`` among the loaded ones (keyboard-free shortcut for tests and demos)."""
        for code, sites in self._sites.items():
            for site in sites:
                if site.id != site_id:
                    continue
                self.prefecture_combo.setCurrentIndex(self.prefecture_combo.findData(code))
                self.county_combo.setCurrentIndex(self.county_combo.findData(site.county_code))
                index = next(
                    (
                        i
                        for i in range(self.site_combo.count())
                        if getattr(self.site_combo.itemData(i), "id", None) == site_id
                    ),
                    -1,
                )
                if index < 0:
                    return False
                self.site_combo.setCurrentIndex(index)
                return self.current_site() is not None
        return False

    def loaded_sites(self) -> list[SiteOption]:
        return [s for sites in self._sites.values() for s in sites]
