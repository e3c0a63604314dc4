"""Static reference data: prefectures and counties of Hunan, exam sites, universities, courses,
majors and their versioned plans.

Codes are real where docs/rules.md#seed-data or public sources give them:

* prefectures and counties: GB/T 2260 division codes as in force since 2021 (宁乡市 430182,
  邵东市 430582, 祁阳市 431181, 渌口区 430212);
* universities: the national 5-digit institution codes;
* courses: the national self-study course codes of docs/rules.md#seed-data plus a few more well-known ones.

Invented (plausible, but not real) codes are listed in ``INVENTED_COURSE_CODES``: the newer
思想道德修养与法治 code, the practice courses of 护理学, and one thesis code per major.
The 专科 major codes use the old national ``A`` + discipline-code form (an assumption).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from backend_mock.models import CourseKind, Level

# --------------------------------------------------------------------------------------------
# geography
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountyData:
    code: str  # GB/T 2260
    name: str
    exam_no_code: str  # two digits inside an exam_no, unique within the prefecture


@dataclass(frozen=True)
class PrefectureData:
    code: str  # 4301 .. 4313, 4331
    name: str
    counties: tuple[CountyData, ...]

    @property
    def exam_no_code(self) -> str:
        """The first two digits of an exam_no: the last two digits of the division code."""
        return self.code[2:]


def _prefecture(code: str, name: str, counties: str) -> PrefectureData:
    """``counties`` is "code name" pairs separated by spaces; exam_no codes follow their order."""
    parts = counties.split()
    pairs = list(zip(parts[::2], parts[1::2], strict=True))
    return PrefectureData(
        code=code,
        name=name,
        counties=tuple(CountyData(c, n, f"{i:02d}") for i, (c, n) in enumerate(pairs, start=1)),
    )


PREFECTURES: tuple[PrefectureData, ...] = (
    _prefecture(
        "4301", "长沙市",
        "430102 芙蓉区 430103 天心区 430104 岳麓区 430105 开福区 430111 雨花区 430112 望城区 "
        "430121 长沙县 430181 浏阳市 430182 宁乡市",
    ),
    _prefecture(
        "4302", "株洲市",
        "430202 荷塘区 430203 芦淞区 430204 石峰区 430211 天元区 430212 渌口区 430223 攸县 "
        "430224 茶陵县 430225 炎陵县 430281 醴陵市",
    ),
    _prefecture("4303", "湘潭市", "430302 雨湖区 430304 岳塘区 430321 湘潭县 430381 湘乡市 430382 韶山市"),
    _prefecture(
        "4304", "衡阳市",
        "430405 珠晖区 430406 雁峰区 430407 石鼓区 430408 蒸湘区 430412 南岳区 430421 衡阳县 "
        "430422 衡南县 430423 衡山县 430424 衡东县 430426 祁东县 430481 耒阳市 430482 常宁市",
    ),
    _prefecture(
        "4305", "邵阳市",
        "430502 双清区 430503 大祥区 430511 北塔区 430522 新邵县 430523 邵阳县 430524 隆回县 "
        "430525 洞口县 430527 绥宁县 430528 新宁县 430529 城步苗族自治县 430581 武冈市 430582 邵东市",
    ),
    _prefecture(
        "4306", "岳阳市",
        "430602 岳阳楼区 430603 云溪区 430611 君山区 430621 岳阳县 430623 华容县 430624 湘阴县 "
        "430626 平江县 430681 汨罗市 430682 临湘市",
    ),
    _prefecture(
        "4307", "常德市",
        "430702 武陵区 430703 鼎城区 430721 安乡县 430722 汉寿县 430723 澧县 430724 临澧县 "
        "430725 桃源县 430726 石门县 430781 津市市",
    ),
    _prefecture("4308", "张家界市", "430802 永定区 430811 武陵源区 430821 慈利县 430822 桑植县"),
    _prefecture(
        "4309", "益阳市", "430902 资阳区 430903 赫山区 430921 南县 430922 桃江县 430923 安化县 430981 沅江市"
    ),
    _prefecture(
        "4310", "郴州市",
        "431002 北湖区 431003 苏仙区 431021 桂阳县 431022 宜章县 431023 永兴县 431024 嘉禾县 "
        "431025 临武县 431026 汝城县 431027 桂东县 431028 安仁县 431081 资兴市",
    ),
    _prefecture(
        "4311", "永州市",
        "431102 零陵区 431103 冷水滩区 431122 东安县 431123 双牌县 431124 道县 431125 江永县 "
        "431126 宁远县 431127 蓝山县 431128 新田县 431129 江华瑶族自治县 431181 祁阳市",
    ),
    _prefecture(
        "4312", "怀化市",
        "431202 鹤城区 431221 中方县 431222 沅陵县 431223 辰溪县 431224 溆浦县 431225 会同县 "
        "431226 麻阳苗族自治县 431227 新晃侗族自治县 431228 芷江侗族自治县 431229 靖州苗族侗族自治县 "
        "431230 通道侗族自治县 431281 洪江市",
    ),
    _prefecture("4313", "娄底市", "431302 娄星区 431321 双峰县 431322 新化县 431381 冷水江市 431382 涟源市"),
    _prefecture(
        "4331", "湘西土家族苗族自治州",
        "433101 吉首市 433122 泸溪县 433123 凤凰县 433124 花垣县 433125 保靖县 433126 古丈县 "
        "433127 永顺县 433130 龙山县",
    ),
)  # fmt: skip

COUNTIES: dict[str, CountyData] = {c.code: c for p in PREFECTURES for c in p.counties}
PREFECTURE_OF_COUNTY: dict[str, PrefectureData] = {c.code: p for p in PREFECTURES for c in p.counties}
PREFECTURE_BY_CODE: dict[str, PrefectureData] = {p.code: p for p in PREFECTURES}


def county_by_name(prefecture_code: str, name: str) -> CountyData:
    for county in PREFECTURE_BY_CODE[prefecture_code].counties:
        if county.name == name:
            return county
    raise KeyError(f"{name} is not a county of {prefecture_code}")


# --------------------------------------------------------------------------------------------
# exam sites (1-3 per county, derived deterministically from the counties)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteData:
    code: str  # "430102-01"
    name: str
    address: str
    county_code: str
    capacity: int


_DIGITS = "零一二三四五六七八九"
_ROADS = (
    "人民路", "建设路", "解放路", "五一路", "学府路", "新华路", "文化路", "育才路", "湘江路", "迎宾路",
    "劳动路", "韶山路", "桐梓坡路", "滨江路", "青年路", "书院路",
)  # fmt: skip
_COUNTY_SCHOOLS = ("第一中学", "职业中专学校", "实验中学")


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals: 1 一, 10 十, 12 十二, 20 二十, 23 二十三."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def _short_prefecture(name: str) -> str:
    return "湘西州" if name.startswith("湘西") else name


def _build_sites() -> tuple[SiteData, ...]:
    rng = random.Random("hunan-exam-sites")
    sites: list[SiteData] = []
    for pref in PREFECTURES:
        city_school = 0  # city districts share the prefecture's numbered middle schools
        for county in pref.counties:
            n_sites = 3 if pref.code == "4301" and county.name.endswith("区") else rng.randint(1, 3)
            for k in range(1, n_sites + 1):
                if county.name.endswith("区"):
                    if k == 3:
                        school = f"{county.name}实验学校"
                    else:
                        city_school += 1
                        school = f"{_short_prefecture(pref.name)}第{chinese_number(city_school)}中学"
                else:
                    school = f"{county.name}{_COUNTY_SCHOOLS[k - 1]}"
                road = rng.choice(_ROADS)
                address = f"湖南省{pref.name}{county.name}{road}{rng.randint(1, 399)}号{school}"
                capacity = 30 * rng.randint(10, 100)  # rooms of 30 seats: 300 .. 3000
                sites.append(SiteData(f"{county.code}-{k:02d}", f"{school}考点", address, county.code, capacity))
    return tuple(sites)


EXAM_SITES: tuple[SiteData, ...] = _build_sites()

# --------------------------------------------------------------------------------------------
# universities
# --------------------------------------------------------------------------------------------

UNIVERSITIES: dict[str, str] = {
    "10532": "湖南大学",
    "10533": "中南大学",
    "10542": "湖南师范大学",
    "10530": "湘潭大学",
    "10536": "长沙理工大学",
    "10537": "湖南农业大学",
    "10534": "湖南科技大学",
    "10538": "中南林业科技大学",
    "10554": "湖南工商大学",
    "10541": "湖南中医药大学",
}

# --------------------------------------------------------------------------------------------
# courses
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseData:
    code: str
    name: str
    credits: int
    kind: CourseKind = CourseKind.THEORY
    theory_code: str | None = None  # practice courses: the theory course to pass first


def _theory(code: str, name: str, credits: int) -> CourseData:
    return CourseData(code, name, credits)


def _practice(code: str, theory_code: str, name: str, credits: int) -> CourseData:
    return CourseData(code, name, credits, CourseKind.PRACTICE, theory_code)


def _thesis(code: str, name: str, credits: int) -> CourseData:
    return CourseData(code, name, credits, CourseKind.THESIS)


COURSE_LIST: tuple[CourseData, ...] = (
    # --- common public courses ---------------------------------------------------------------
    _theory("03708", "中国近现代史纲要", 2),
    _theory("03709", "马克思主义基本原理概论", 4),
    _theory("00015", "英语(二)", 14),
    _theory("00012", "英语(一)", 7),
    _theory("03706", "思想道德修养与法律基础", 2),
    _theory("13706", "思想道德修养与法治", 2),  # invented code, replaces 03706
    _theory("03707", "毛泽东思想、邓小平理论和“三个代表”重要思想概论", 4),  # replaced by 12656
    _theory("12656", "毛泽东思想和中国特色社会主义理论体系概论", 4),
    _theory("00018", "计算机应用基础", 2),
    _practice("00019", "00018", "计算机应用基础(实践)", 2),
    # --- 计算机科学与技术 (本科) --------------------------------------------------------------------
    _theory("00023", "高等数学(工本)", 10),
    _theory("02197", "概率论与数理统计(二)", 3),
    _theory("02331", "数据结构", 3),
    _practice("02332", "02331", "数据结构(实践)", 1),
    _theory("02326", "操作系统", 4),
    _theory("04741", "计算机网络原理", 4),
    _theory("04735", "数据库系统原理", 4),
    _practice("04736", "04735", "数据库系统原理(实践)", 2),
    _theory("02318", "计算机组成原理", 4),
    _theory("04737", "C++程序设计", 3),
    _practice("04738", "04737", "C++程序设计(实践)", 1),
    _theory("04747", "Java语言程序设计(一)", 3),
    _theory("02324", "离散数学", 4),
    _theory("02325", "计算机系统结构", 4),
    _theory("02333", "软件工程", 3),
    _thesis("98091", "计算机科学与技术毕业设计", 8),
    # --- 会计学 / 工商管理 (本科) ---------------------------------------------------------------------
    _theory("00067", "财务管理学", 6),
    _theory("00159", "高级财务会计", 6),
    _theory("00160", "审计学", 4),
    _theory("00161", "财务报表分析(一)", 4),
    _theory("00162", "会计制度设计", 5),
    _theory("00051", "管理系统中计算机应用", 3),
    _practice("00052", "00051", "管理系统中计算机应用(实践)", 1),
    _theory("00054", "管理学原理", 6),
    _theory("00144", "企业管理概论", 5),
    _theory("00058", "市场营销学", 5),
    _theory("00152", "组织行为学", 4),
    _theory("00149", "国际贸易理论与实务", 6),
    _theory("00150", "金融理论与实务", 6),
    _theory("00147", "人力资源管理(一)", 6),
    _theory("00151", "企业经营战略", 5),
    _thesis("98122", "会计学毕业论文", 6),
    _thesis("98121", "工商管理毕业论文", 6),
    # --- 法学 (本科) ----------------------------------------------------------------------------
    _theory("00223", "中国法制史", 4),
    _theory("00227", "公司法", 4),
    _theory("00228", "环境与资源保护法学", 3),
    _theory("00233", "税法", 3),
    _theory("00246", "国际经济法概论", 6),
    _theory("00247", "国际法", 6),
    _theory("00249", "国际私法", 5),
    _theory("00257", "票据法", 3),
    _theory("00258", "保险法", 3),
    _theory("00259", "公证与律师制度", 3),
    _theory("00261", "行政法学", 5),
    _theory("00262", "法律文书写作", 3),
    _thesis("98031", "法学毕业论文", 6),
    # --- 汉语言文学 (本科) -----------------------------------------------------------------------
    _theory("00037", "美学", 6),
    _theory("00812", "中国现当代作家作品专题研究", 6),
    _theory("00813", "外国文学作品专题研究", 5),
    _theory("00815", "西方文论选读", 6),
    _theory("00536", "古代汉语", 6),
    _theory("00541", "语言学概论", 6),
    _theory("00321", "中国文化概论", 5),
    _thesis("98051", "汉语言文学毕业论文", 6),
    # --- 护理学 (本科) ----------------------------------------------------------------------------
    _theory("03179", "生物化学(三)", 3),
    _theory("02899", "生理学", 4),
    _theory("03201", "护理学导论", 3),
    _theory("03202", "内科护理学(二)", 7),
    _practice("13202", "03202", "内科护理学(二)(实践)", 3),
    _theory("03203", "外科护理学(二)", 7),
    _practice("13203", "03203", "外科护理学(二)(实践)", 3),
    _theory("03004", "社区护理学(一)", 4),
    _practice("13004", "03004", "社区护理学(一)(实践)", 1),
    _theory("03008", "护理学研究", 3),
    _theory("03009", "精神障碍护理学", 3),
    _theory("04435", "老年护理学", 3),
    _practice("14435", "04435", "老年护理学(实践)", 1),
    _thesis("98101", "护理学毕业论文", 6),
    # --- 汉语言文学 (专科) -----------------------------------------------------------------------
    _theory("00529", "文学概论(一)", 7),
    _theory("00530", "中国现代文学作品选", 6),
    _theory("00531", "中国当代文学作品选", 5),
    _theory("00532", "中国古代文学作品选(一)", 6),
    _theory("00533", "中国古代文学作品选(二)", 6),
    _theory("00534", "外国文学作品选", 6),
    _theory("00535", "现代汉语", 6),
    _theory("00537", "中国现代文学史", 4),
    _theory("00538", "中国古代文学史(一)", 6),
    _theory("00539", "中国古代文学史(二)", 6),
    _theory("00540", "外国文学史", 5),
    # --- 会计 (专科) ------------------------------------------------------------------------------
    _theory("00041", "基础会计学", 5),
    _theory("00155", "中级财务会计", 6),
    _theory("00043", "经济法概论(财经类)", 4),
    _theory("00065", "国民经济统计概论", 6),
    _theory("00070", "政府与事业单位会计", 4),
    _theory("00009", "政治经济学(财经类)", 6),
    _theory("00020", "高等数学(一)", 6),
)

COURSES: dict[str, CourseData] = {c.code: c for c in COURSE_LIST}

INVENTED_COURSE_CODES: frozenset[str] = frozenset(
    {"13706", "13202", "13203", "13004", "14435", "98091", "98122", "98121", "98031", "98051", "98101"}
)

# old code -> new code; passing either counts for both
COURSE_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("03706", "13706"),  # 思想道德修养与法律基础 -> 思想道德修养与法治
    ("03707", "12656"),  # 毛邓三 -> 毛泽东思想和中国特色社会主义理论体系概论
)

# --------------------------------------------------------------------------------------------
# majors and plans
# --------------------------------------------------------------------------------------------

REQ = True
ELE = False


@dataclass(frozen=True)
class PlanData:
    version: str
    current: bool
    min_credits: int
    min_courses: int
    requires_prior_diploma: bool
    courses: tuple[tuple[str, bool], ...]  # (course code, required) in plan order


@dataclass(frozen=True)
class MajorData:
    key: str  # short name used by the seed code
    code: str
    name: str
    level: Level
    university_code: str
    plans: tuple[PlanData, ...]  # oldest first

    @property
    def current_plan(self) -> PlanData:
        return next(p for p in self.plans if p.current)


def _plan(version: str, level: Level, courses: list[tuple[str, bool]], *, current: bool = True) -> PlanData:
    bachelor = level is Level.BACHELOR
    return PlanData(
        version=version,
        current=current,
        min_credits=70,
        min_courses=13 if bachelor else 15,
        requires_prior_diploma=bachelor,
        courses=tuple(courses),
    )


_BK_PUBLIC = [("03708", REQ), ("03709", REQ), ("00015", REQ)]
_ZK_PUBLIC_NEW = [("13706", REQ), ("12656", REQ), ("00018", REQ), ("00019", REQ)]
_ZK_PUBLIC_OLD = [("03706", REQ), ("03707", REQ), ("00018", REQ), ("00019", REQ)]
_ZK_CHINESE = [(c, REQ) for c in ("00529", "00530", "00531", "00532", "00533", "00534", "00535", "00537",
                                  "00538", "00539", "00540")]  # fmt: skip

MAJORS: tuple[MajorData, ...] = (
    MajorData(
        "cs", "080901", "计算机科学与技术", Level.BACHELOR, "10532",
        (
            _plan("2015", Level.BACHELOR, [
                *_BK_PUBLIC, ("00023", REQ), ("02197", REQ), ("02324", REQ), ("02325", REQ), ("02326", REQ),
                ("02331", REQ), ("02332", REQ), ("02333", REQ), ("04735", REQ), ("04736", REQ), ("04737", REQ),
                ("04738", REQ), ("04741", REQ), ("02318", ELE), ("98091", REQ),
            ], current=False),
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("00023", REQ), ("02197", REQ), ("02331", REQ), ("02332", REQ), ("02326", REQ),
                ("04741", REQ), ("04735", REQ), ("04736", REQ), ("02318", REQ), ("04737", REQ), ("04738", REQ),
                ("04747", REQ), ("02333", ELE), ("02324", ELE), ("98091", REQ),
            ]),
        ),
    ),
    MajorData(
        "accounting", "120203K", "会计学", Level.BACHELOR, "10554",
        (
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("00067", REQ), ("00159", REQ), ("00160", REQ), ("00161", REQ), ("00162", REQ),
                ("00051", REQ), ("00052", REQ), ("00054", REQ), ("00150", ELE), ("00149", ELE), ("00058", ELE),
                ("98122", REQ),
            ]),
        ),
    ),
    MajorData(
        "law", "030101K", "法学", Level.BACHELOR, "10530",
        (
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("00223", REQ), ("00246", REQ), ("00247", REQ), ("00249", REQ), ("00261", REQ),
                ("00262", REQ), ("00227", ELE), ("00228", ELE), ("00233", ELE), ("00257", ELE), ("00258", ELE),
                ("00259", ELE), ("98031", REQ),
            ]),
        ),
    ),
    MajorData(
        "chinese", "050101", "汉语言文学", Level.BACHELOR, "10542",
        (
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("00037", REQ), ("00812", REQ), ("00813", REQ), ("00815", REQ), ("00536", REQ),
                ("00541", REQ), ("00321", ELE), ("00530", ELE), ("00532", ELE), ("00534", ELE), ("98051", REQ),
            ]),
        ),
    ),
    MajorData(
        "nursing", "101101", "护理学", Level.BACHELOR, "10533",
        (
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("03179", REQ), ("02899", REQ), ("03201", REQ), ("03202", REQ), ("13202", REQ),
                ("03203", REQ), ("13203", REQ), ("03004", REQ), ("13004", REQ), ("03008", REQ), ("03009", ELE),
                ("04435", ELE), ("14435", ELE), ("98101", REQ),
            ]),
        ),
    ),
    MajorData(
        "business", "120201K", "工商管理", Level.BACHELOR, "10532",
        (
            _plan("2023", Level.BACHELOR, [
                *_BK_PUBLIC, ("00054", REQ), ("00144", REQ), ("00058", REQ), ("00152", REQ), ("00149", REQ),
                ("00067", REQ), ("00051", REQ), ("00052", REQ), ("00147", ELE), ("00150", ELE), ("00151", ELE),
                ("98121", REQ),
            ]),
        ),
    ),
    MajorData(
        "chinese_zk", "A050101", "汉语言文学", Level.DIPLOMA, "10542",
        (
            _plan("2014", Level.DIPLOMA, [*_ZK_PUBLIC_OLD, *_ZK_CHINESE, ("00012", ELE)], current=False),
            _plan("2022", Level.DIPLOMA, [*_ZK_PUBLIC_NEW, *_ZK_CHINESE, ("00012", ELE)]),
        ),
    ),
    MajorData(
        "accounting_zk", "A020203", "会计", Level.DIPLOMA, "10554",
        (
            _plan("2022", Level.DIPLOMA, [
                *_ZK_PUBLIC_NEW, ("00041", REQ), ("00155", REQ), ("00144", REQ), ("00043", REQ), ("00065", REQ),
                ("00070", REQ), ("00009", REQ), ("00020", REQ), ("00067", REQ), ("00051", REQ), ("00052", REQ),
                ("00012", ELE), ("00058", ELE),
            ]),
        ),
    ),
)  # fmt: skip

MAJOR_BY_KEY: dict[str, MajorData] = {m.key: m for m in MAJORS}

SLOTS: tuple[str, ...] = ("SAT_AM", "SAT_PM", "SUN_AM", "SUN_PM")

# --------------------------------------------------------------------------------------------
# people: names, phone prefixes
# --------------------------------------------------------------------------------------------

# common surnames, Hunan-flavoured (刘 李 王 陈 张 周 彭 谭 唐 曾 ... are the most frequent there)
SURNAMES: tuple[str, ...] = tuple(
    "刘李王陈张周彭谭唐曾邓罗杨黄胡吴肖何刘李王陈张周彭谭唐曾邓罗杨黄朱贺蒋龙廖欧易颜谢向段"
    "田钟雷戴石姚毛文许郭袁邹汤丁龚夏熊蔡梁吕宋严余卢陆方孙马高林"
)
COMPOUND_SURNAMES: tuple[str, ...] = ("欧阳", "司马", "上官")
MALE_CHARS: tuple[str, ...] = tuple("伟强磊军勇杰涛斌浩宇轩俊豪鹏飞超明辉峰志刚建国文博睿晨阳子铭思远泽凯一诚宏哲")
FEMALE_CHARS: tuple[str, ...] = tuple("芳娟敏静丽艳婷雪琳慧颖晶洁佳琪欣怡雨萱梦瑶诗涵可馨思晓玲红霞燕倩妍嘉悦婉")
PHONE_PREFIXES: tuple[str, ...] = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "193", "198", "199",
)  # fmt: skip
