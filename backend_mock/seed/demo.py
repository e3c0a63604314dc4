"""The demo accounts: fixed people in fixed states, listed for testers in ``DEMO_ACCOUNTS``.

Every seeded account (demo or generated, examinee or staff) has the password ``DEMO_PASSWORD``.

The exam_nos are constants, so their term digits (YY + 1 April / 2 October) were chosen for a demo
run around late 2026: the first-timer's ``271`` is the upcoming session then.  The histories
themselves are laid out relative to the sessions around the ``now`` given to the seed, so the
states described below hold whatever ``now`` is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from backend_mock.idnumber import make_id_number
from backend_mock.models import Gender, RecordStatus, StaffRole
from backend_mock.seed.data import COUNTIES, PREFECTURE_OF_COUNTY

DEMO_PASSWORD = "Hunan2026"

# a result to seed: a score 0..100 (theory, thesis), "P"/"F" (practice 合格/不合格) or "A" (缺考)
Outcome = int | Literal["P", "F", "A"]


@dataclass(frozen=True)
class DemoAccount:
    """One line of the demo account list shown to testers."""

    # exam_no, staff username, or the ID number of the applicant whose enrolment awaits approval
    account: str
    # examinee / staff: which side of the login dialog; applicant: not an account yet, look the
    # enrolment up (新生报名 → 查询报名结果) with this ID number
    kind: Literal["examinee", "staff", "applicant"]
    name: str
    description: str


@dataclass(frozen=True)
class Attempt:
    """One entry of a demo history; attempts of one course are seeded in the order given."""

    course_code: str
    outcome: Outcome
    last_session_only: bool = False  # thesis: graded in the most recent released session


@dataclass(frozen=True)
class DemoExaminee:
    key: str
    county_code: str
    term: str  # YY + 1|2: the session of enrolment
    serial: int
    name: str
    gender: Gender
    birth: date
    id_serial: int
    phone: str
    major_key: str
    plan_version: str
    description: str
    # which released sessions (a slice of them, oldest first) the history is spread over, and
    # at most how many courses per session
    sessions: tuple[int | None, int | None] = (None, None)
    per_session: int = 4
    history: tuple[Attempt, ...] = ()
    exemptions: tuple[tuple[str, str], ...] = ()  # (course code, basis)
    photo: bool = True
    locked: bool = False
    record_status: RecordStatus = RecordStatus.ACTIVE
    prior_diploma_verified: bool = False
    # the seed checks that this history reaches the most recent released session
    needs_latest_session: bool = False

    @property
    def exam_no(self) -> str:
        return make_exam_no(self.county_code, self.term, self.serial)

    @property
    def id_number(self) -> str:
        return make_id_number(self.county_code, self.birth, self.id_serial, self.gender is Gender.MALE)


@dataclass(frozen=True)
class DemoApplicant:
    name: str
    gender: Gender
    birth: date
    id_serial: int
    county_code: str
    phone: str
    major_key: str
    description: str

    @property
    def id_number(self) -> str:
        return make_id_number(self.county_code, self.birth, self.id_serial, self.gender is Gender.MALE)


@dataclass(frozen=True)
class DemoStaff:
    username: str
    name: str
    role: StaffRole
    prefecture_code: str
    description: str


def make_exam_no(county_code: str, term: str, serial: int) -> str:
    """2 prefecture + 2 county + 3 term + 5 serial digits."""
    prefecture = PREFECTURE_OF_COUNTY[county_code]
    return f"{prefecture.exam_no_code}{COUNTIES[county_code].exam_no_code}{term}{serial:05d}"


def _a(code: str, outcome: Outcome) -> Attempt:
    return Attempt(code, outcome)


def _thesis(code: str, score: int) -> Attempt:
    return Attempt(code, score, last_session_only=True)


M, F = Gender.MALE, Gender.FEMALE

DEMO_EXAMINEES: tuple[DemoExaminee, ...] = (
    DemoExaminee(
        "new", "430104", "271", 1, "周雨桐", F, date(2003, 3, 15), 17, "13874100001", "accounting_zk", "2022",
        "新生：尚未报考任何课程，考籍证费未缴",
    ),
    DemoExaminee(
        "midway", "430111", "242", 12, "刘子豪", M, date(1998, 7, 21), 23, "13874100002", "cs", "2023",
        "本科在读：多门通过、两门不及格、一门缺考，数据结构实践课待考",
        sessions=(-5, None), per_session=3,
        history=(
            _a("03708", 78), _a("03709", 66), _a("00023", 48), _a("02331", 71), _a("02197", 55),
            _a("04735", 63), _a("02326", "A"), _a("00023", 52), _a("04736", "F"), _a("04737", 82),
            _a("04741", 67),
        ),
        prior_diploma_verified=True, needs_latest_session=True,
    ),
    DemoExaminee(
        "bachelor_ready", "430105", "232", 8, "陈思远", M, date(1996, 11, 2), 31, "13874100003", "cs", "2023",
        "本科（计算机科学与技术）：已满足毕业条件，英语(二)免考",
        history=(
            _a("03708", 81), _a("03709", 74), _a("00023", 56), _a("02197", 68), _a("02331", 77),
            _a("04735", 70), _a("04737", 65), _a("02318", 72), _a("00023", 64), _a("02326", 69),
            _a("04741", 71), _a("04747", 80), _a("02332", "P"), _a("04736", "P"), _a("04738", "P"),
            _a("02333", 75), _thesis("98091", 84),
        ),
        exemptions=(("00015", "大学英语四级证书（CET-4，425分以上）"),),
        prior_diploma_verified=True,
    ),
    DemoExaminee(
        "diploma_ready", "430103", "241", 26, "王丽娟", F, date(2000, 5, 18), 45, "13874100004", "chinese_zk",
        "2022", "专科（汉语言文学）：已满足毕业条件",
        history=(
            _a("13706", 75), _a("12656", 70), _a("00018", 82), _a("00529", 58), _a("00530", 71),
            _a("00531", 66), _a("00532", 62), _a("00535", 73), _a("00019", "P"), _a("00529", 65),
            _a("00533", 68), _a("00534", 77), _a("00537", 61), _a("00538", 70), _a("00539", 64),
            _a("00540", 72),
        ),
    ),
    DemoExaminee(
        "locked", "430102", "251", 31, "张伟", M, date(1995, 9, 9), 52, "13874100005", "law", "2023",
        "账户已锁定：连续输错密码次数过多（法学本科）",
        sessions=(-3, None), per_session=3,
        history=(_a("03708", 70), _a("00261", 53), _a("03709", 62), _a("00223", 66), _a("00261", "A")),
        locked=True, prior_diploma_verified=True,
    ),
    DemoExaminee(
        "exempted", "430121", "251", 45, "李娜", F, date(1999, 12, 24), 60, "13874100006", "accounting_zk",
        "2022", "会计专科：两门免考，实践课程待考",
        sessions=(-3, None), per_session=3,
        history=(
            _a("13706", 80), _a("00041", 72), _a("00051", 68), _a("00009", 59), _a("00052", "F"),
            _a("12656", 66),
        ),
        exemptions=(
            ("00018", "全国计算机等级考试一级证书"),
            ("00012", "高等学校英语应用能力考试A级证书"),
        ),
    ),
    DemoExaminee(
        "no_photo", "430407", "252", 52, "谭志强", M, date(1993, 4, 30), 68, "13973400007", "business", "2023",
        "衡阳考生：尚未上传照片（工商管理本科）",
        sessions=(-2, None), per_session=2,
        history=(_a("03708", 64), _a("00054", 71), _a("03709", 45)),
        photo=False, prior_diploma_verified=True,
    ),
    DemoExaminee(
        "transferred", "430112", "232", 63, "彭晓燕", F, date(1997, 8, 8), 74, "13874100008", "nursing", "2023",
        "已转出外省：准考证号已锁定（护理学本科）",
        sessions=(None, -2), per_session=3,
        history=(
            _a("03708", 72), _a("03179", 66), _a("02899", 61), _a("03201", 77), _a("03709", 58),
            _a("00015", 49),
        ),
        record_status=RecordStatus.TRANSFERRED_OUT, prior_diploma_verified=True,
    ),
    DemoExaminee(
        "old_plan", "430181", "222", 71, "罗建国", M, date(1990, 1, 20), 81, "13874100009", "chinese_zk", "2014",
        "旧版计划（2014版汉语言文学专科）：已通过被新代码替代的旧课程",
        sessions=(None, 3), per_session=3,
        history=(_a("03706", 68), _a("03707", 71), _a("00018", 63), _a("00529", 66), _a("00535", 57)),
    ),
)  # fmt: skip

DEMO_APPLICANT = DemoApplicant(
    "黄雅琪", F, date(2004, 6, 6), 37, "430104", "13874100010", "accounting_zk",
    "新生报名待审核（会计专科）：尚不能登录；双击在“查询报名结果”中查看（报名号XS+考次+0001，如XS2027040001）",
)  # fmt: skip

DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff(
        "cs_clerk",
        "赵敏",
        StaffRole.CLERK,
        "4301",
        "长沙市窗口工作人员（柜台）：查询考生、核验身份、解锁、重置密码、打印回执单、准考证、成绩单",
    ),
    DemoStaff(
        "cs_reviewer",
        "孙立新",
        StaffRole.REVIEWER,
        "4301",
        "长沙市审核员（审核队列）：新生报名、信息更正、免考、转考的通过、退回、不通过；成绩复核",
    ),
    DemoStaff(
        "admin", "何建国", StaffRole.ADMIN, "4301", "系统管理员（管理）：工作人员账号、通知公告、审计日志查询与导出"
    ),
    DemoStaff("hy_clerk", "罗春梅", StaffRole.CLERK, "4304", "衡阳市窗口工作人员（柜台）"),
)

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    *(DemoAccount(d.exam_no, "examinee", d.name, d.description) for d in DEMO_EXAMINEES),
    DemoAccount(DEMO_APPLICANT.id_number, "applicant", DEMO_APPLICANT.name, DEMO_APPLICANT.description),
    *(DemoAccount(s.username, "staff", s.name, s.description) for s in DEMO_STAFF),
)
