"""Seed notices: a year of realistic 通知公告 around the seeded sessions, two with attachments
(a PDF timetable and a PNG map drawn here), and one scheduled for the days ahead.

Dates follow the seed's ``now`` and the seeded sessions, so the list looks current whenever
the database is made.  PIL draws the attachments; it has no Chinese font, so their text is
Latin (the notice text around them is Chinese).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

from backend_mock.clock import CHINA_TZ
from backend_mock.models import ExamSession, Notice, NoticeAttachment, NoticeCategory

PROVINCE = "湖南省教育考试院"
ADMIN = "admin"


@dataclass(frozen=True)
class SeedNotice:
    title: str
    category: NoticeCategory
    publish_at: datetime
    body: str
    publisher: str = PROVINCE
    attachment: str | None = None  # "timetable" | "map"


def timetable_pdf(session_name: str) -> bytes:
    """A one-page A4 PDF (drawn as an image): the four slots of an exam weekend."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (120, 120), f"Hunan Self-Study Examination {session_name.replace('年', '-').replace('月', '')}", fill="black"
    )
    draw.text((120, 160), "Exam timetable (see the notice for course names)", fill="black")
    rows = [
        ("Saturday", "09:00-11:30"),
        ("Saturday", "14:30-17:00"),
        ("Sunday", "09:00-11:30"),
        ("Sunday", "14:30-17:00"),
    ]
    for i, (day, slot) in enumerate(rows):
        top = 240 + i * 120
        draw.rectangle((120, top, 1120, top + 100), outline="black", width=3)
        draw.text((150, top + 40), f"{day}  {slot}", fill="black")
    out = io.BytesIO()
    # fixed dates: the same seed gives the same bytes (Pillow would stamp the current time)
    fixed = datetime(2020, 1, 1).timetuple()
    image.save(out, "PDF", resolution=150.0, title=f"{session_name}考试时间表", creationDate=fixed, modDate=fixed)
    return out.getvalue()


def site_map_png() -> bytes:
    """A small PNG: a schematic map of an exam site (gate, buildings, rooms)."""
    image = Image.new("RGB", (640, 420), (245, 247, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 300, 200), outline=(43, 87, 151), width=4)
    draw.text((60, 60), "Building A  rooms 1-12", fill=(43, 87, 151))
    draw.rectangle((340, 40, 600, 200), outline=(43, 87, 151), width=4)
    draw.text((360, 60), "Building B  rooms 13-24", fill=(43, 87, 151))
    draw.rectangle((270, 340, 370, 400), fill=(200, 60, 60))
    draw.text((290, 360), "GATE", fill="white")
    draw.line((320, 340, 320, 220), fill=(120, 120, 120), width=6)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _at(day: datetime, hour: int = 9) -> datetime:
    return datetime.combine(day.date(), time(hour, 0), tzinfo=CHINA_TZ)


def seed_notices(now: datetime, sessions: Sequence[ExamSession]) -> list[SeedNotice]:
    """About a dozen notices over the last year and one scheduled a few days ahead."""
    upcoming = next(s for s in sessions if s.ticket_print_close > now)
    before = [s for s in sessions if s.ticket_print_close <= now]
    last = before[-1]
    prev = before[-2] if len(before) >= 2 else last
    day = timedelta(days=1)
    return [
        SeedNotice(
            f"湖南省{upcoming.name}高等教育自学考试报考简章",
            NoticeCategory.REGISTRATION,
            now - 3 * day,
            f"{upcoming.name}高等教育自学考试网上报考时间为{upcoming.registration_open:%m月%d日%H:%M}至"
            f"{upcoming.registration_close:%m月%d日%H:%M}。\n\n"
            "一、报考分两个阶段：第一阶段只能选择本人所在市州的考点；第二阶段可选择全省考点，考位有限，先到先得。\n"
            "二、每名考生每次最多报考4门课程，同一时间段只能报考1门；所有课程须在同一考点参加考试。\n"
            "三、报考费每科48元；新生首次报考另收考籍证工本费20元。每日23:00至24:00暂停报考和缴费。\n"
            "四、订单生成后30分钟内未缴费将自动关闭，请勿重复缴费；缴费结果未更新时请稍候刷新。\n"
            "五、已缴费的课程不能退考。",
        ),
        SeedNotice(
            f"关于{last.name}高等教育自学考试成绩发布的通知",
            NoticeCategory.SCORES,
            _at(last.score_release, 10) if last.score_release <= now else now - 8 * day,
            f"{last.name}高等教育自学考试成绩已经发布，考生可登录自助服务系统查询。\n\n"
            f"对笔试成绩有疑问的考生，可于{last.score_release:%m月%d日}起7日内在网上申请成绩复核。"
            "复核只核查是否漏评、错评和合分错误，不重新评阅试卷。复核结果将在30日内答复。",
        ),
        SeedNotice(
            "关于做好毕业申请工作的通知",
            NoticeCategory.GRADUATION,
            now - 20 * day,
            f"本次毕业申请时间为{upcoming.graduation_open:%m月%d日%H:%M}至{upcoming.graduation_close:%m月%d日%H:%M}。\n\n"
            "申请条件：考完专业考试计划规定的全部课程并取得合格成绩，思想政治品德鉴定合格；"
            "本科专业须具有国家承认的专科及以上学历，且学历信息已经核验。\n"
            "所需材料：身份证复印件、前置学历证书复印件（本科）、淡蓝色背景证件照、毕业生登记表（系统生成）。",
        ),
        SeedNotice(
            f"{last.name}高等教育自学考试考场示意图及考生须知",
            NoticeCategory.EXAM,
            _at(last.ticket_print_open - 2 * day),
            "各位考生：请提前查看考点位置和考场分布，考试当天提前30分钟到达考场。\n\n"
            "考生须携带打印的准考证和本人有效居民身份证原件参加每一科考试，二者缺一不得入场。"
            "考试开始15分钟后不得进入考场。附件为考点示意图（样例）。",
            attachment="map",
        ),
        SeedNotice(
            f"湖南省{last.name}高等教育自学考试课程考试时间安排",
            NoticeCategory.EXAM,
            _at(last.registration_open - 15 * day),
            f"{last.name}考试定于{last.exam_saturday:%m月%d日}（星期六）至次日（星期日）举行，"
            "每天上午9:00—11:30、下午14:30—17:00。\n\n各专业课程的具体时间见附件考试时间表，请考生据此安排报考。",
            attachment="timetable",
        ),
        SeedNotice(
            "湖南省高等教育自学考试免考课程办理办法",
            NoticeCategory.POLICY,
            now - 95 * day,
            "考生已取得的相关课程合格成绩或职业资格证书，可按规定申请免考。\n\n"
            "一、免考课程总学分不得超过专业考试计划总学分的50%。\n"
            "二、申请时须上传课程成绩单或证书（JPEG、PNG或PDF，不超过5MB）。\n"
            "三、免考申请由市州自考办初审、省教育考试院终审。",
        ),
        SeedNotice(
            "关于高等教育自学考试转考工作的说明",
            NoticeCategory.POLICY,
            now - 130 * day,
            "省外转入考生须持转出省份出具的考籍档案和至少一门合格课程记录办理；"
            "转出外省的考生，转出申请经审核通过后准考证号将被锁定，不能再在本省报考。\n\n"
            "春季考试转出确认截止时间为2月15日，转入确认截止时间为3月26日；"
            "秋季考试分别为8月15日和9月26日。",
        ),
        SeedNotice(
            f"关于{prev.name}高等教育自学考试成绩复核结果的公告",
            NoticeCategory.SCORES,
            _at(prev.review_close + 25 * day) if prev.review_close + 25 * day <= now else now - 160 * day,
            "已申请成绩复核的考生可登录系统查看复核结果。复核结果为“维持原成绩”或“更正为N分”。",
        ),
        SeedNotice(
            "关于启用高等教育自学考试考生自助服务系统的通知",
            NoticeCategory.POLICY,
            now - 200 * day,
            "为方便考生办理业务，省教育考试院启用考生自助服务系统。考生可在系统中完成新生报名、报考缴费、"
            "准考证打印、成绩查询、考籍管理和毕业申请等业务。\n\n"
            "请妥善保管账号和密码；系统不会通过短信或电话索要密码。连续输错5次密码账号将锁定30分钟。",
        ),
        SeedNotice(
            "长沙市关于毕业生现场确认的安排",
            NoticeCategory.GRADUATION,
            now - 240 * day,
            "网上初审通过的毕业申请考生，请在通知时间内携带身份证原件和相关材料到长沙市教育考试院自考办窗口现场确认。",
            publisher="长沙市教育考试院",
        ),
        SeedNotice(
            "关于规范自学考试考籍证明办理的通知",
            NoticeCategory.POLICY,
            now - 290 * day,
            "考籍证明实行网上预约、现场办理。考生可预约市州自考办的上午或下午时段，名额有限；"
            "已预约的可在办理日前一天取消。",
        ),
        SeedNotice(
            "关于防范自学考试诈骗的提醒",
            NoticeCategory.EXAM,
            now - 340 * day,
            "近期有不法分子冒充考试机构发送“包过”“改分”等信息，请考生提高警惕。"
            "自学考试成绩以省教育考试院发布为准，任何人无法修改成绩。",
        ),
        SeedNotice(
            f"关于{upcoming.name}高等教育自学考试准考证打印的通知",
            NoticeCategory.EXAM,
            _at(now + 5 * day),
            "已缴费报考的考生可在准考证打印期间登录系统自行打印A4准考证；准考证上的照片、姓名、身份证号须核对无误。",
        ),
    ]


def insert_notices(db: Session, now: datetime, sessions: Sequence[ExamSession]) -> int:
    """Add the seed notices (and their attachments) to ``db``; returns how many."""
    rows = seed_notices(now, sessions)
    rng = random.Random("notices")
    last = [s for s in sessions if s.ticket_print_close <= now][-1]
    for index, item in enumerate(rows):
        # scores/reviews dates may come out later than now for an early-in-the-year seed
        publish_at = (
            min(item.publish_at, now - timedelta(hours=index + 1)) if index < len(rows) - 1 else item.publish_at
        )
        notice = Notice(
            title=item.title,
            body=item.body,
            category=item.category,
            publisher=item.publisher,
            publish_at=publish_at,
            created_at=publish_at - timedelta(days=1),
            updated_at=publish_at - timedelta(days=1),
            created_by=ADMIN,
        )
        if item.attachment == "timetable":
            data, name, kind = timetable_pdf(last.name), f"{last.name}考试时间表.pdf", "application/pdf"
        elif item.attachment == "map":
            data, name, kind = site_map_png(), "考点示意图.png", "image/png"
        else:
            data = b""
        if data:
            ext = name.rsplit(".", 1)[-1]
            notice.attachments.append(
                NoticeAttachment(
                    file_name=name,
                    stored_name=f"doc-{rng.getrandbits(96):024x}.{ext}",
                    content_type=kind,
                    size=len(data),
                    data=data,
                    created_at=publish_at - timedelta(days=1),
                )
            )
        db.add(notice)
    return len(rows)
