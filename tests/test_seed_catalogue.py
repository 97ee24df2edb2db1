"""The seed defects of domain-rules.md §7 that a rule can catch, and its negative fixtures.

Skipped when ../shared/seeds is absent. Each row: §7 id, seed line, rule code, text under the span.
"""

from __future__ import annotations

import pytest

from rectlint.engine import Settings, check
from rectlint.registry import select_rules
from rectlint.source import read_path

XUCHANG_DEFECTS = [
    ("S0-2", 5, "P001", ","),
    ("S0-4", 21, "W004", "理论中心组"),
    ("S0-5", 25, "W004", "落实贯彻"),
    ("S0-7", 45, "W006", "市委市政府"),
    ("S0-9", 49, "E002", "已由市城市管理局承担"),
    ("S0-13", 85, "F001", "执纪监督四种形态"),
    ("S0-14", 85, "F001", "以案促改以案促治"),
    ("S0-16", 89, "W003", "群众群众"),
    ("S0-17", 97, "D009", "2024年下半年"),
    ("S0-18", 101, "W005", "均已全部"),
    ("S0-20", 141, "E006", "局党组召开巡察整改专题民主生活会"),
    ("S0-22", 105, "W005", None),
    ("S0-24", 133, "E003", "初稿"),
    ("S0-27", 137, "W003", "确保确保"),
    ("S0-29", 141, "F001", "批评和相互批评"),
    ("S0-32", 11, "R002", None),
    ("F14 item 2", 17, "R003", "正在"),
    ("F14 item 5", 29, "R003", "正在"),
    ("F14 item 14", 65, "R003", "正在"),
]
KAIFENG_DEFECTS = [
    ("S1-1", 7, "P001", ","),
    ("S1-6", 11, "F001", "“党史学习”主题教育"),
    ("S1-8", 18, "E001", "已整改"),
    ("S1-7", 14, "E001", "已整改"),
    ("S1-10", 25, "W002", "事不关已"),
    ("S1-12", 32, "P001", ";"),
    ("S1-13", 33, "W002", "未契机"),
    ("S1-14", 33, "W001", "截止"),
    ("S1-15", 33, "R001", "未整改到位"),
    ("S1-15/F11", 33, "E004", "明显提高"),
    ("S1-16", 34, "W004", "国家生态环境部"),
    ("S1-17", 34, "D008", "1-3月"),
    ("S1-18", 35, "D008", "1-6月"),
    ("S1-20", 36, "W004", "入驻"),
    ("S1-26", 44, "E006", None),
    ("S1-27", 46, "W004", "pm2.5"),
    ("S1-28", 47, "P004", " "),
    ("S1-30", 47, "C006", "第七名"),
    ("S1-31", 47, "W001", "截止"),
    ("S1-36", 53, "W004", "省下任务"),
    ("S1-38", 57, "W005", "截止报名时间结束"),
    ("S1-39", 57, "E005", "不再开展"),
    ("S1-40", 59, "F001", None),
    ("S1-41", 60, "D009", "2019年"),
    ("S1-43", 62, "D012", "2021年1至8月15日"),
    ("S1-45", 63, "W004", "国家生态环境部"),
    ("S1-47", 68, "C007", "16座"),
    ("S1-48", 68, "W004", "损失"),
    ("S1-50", 70, "S004", "23151106"),
    ("S1-51", 66, "S005", None),
]


def _findings(path):
    return check(read_path(path), Settings(rules=select_rules()))[1]


@pytest.mark.parametrize("which", [0, 1], ids=["xuchang", "kaifeng"])
def test_seed_defects_are_found(seeds, which: int) -> None:
    found = _findings(seeds[which])
    table = XUCHANG_DEFECTS if which == 0 else KAIFENG_DEFECTS
    missing = [row for row in table if not any(
        d.code == row[2] and d.line == row[1] and (row[3] is None or d.excerpt.startswith(row[3])) for d in found)]
    assert not missing


def test_seed_negative_fixtures(seeds) -> None:
    xuchang, kaifeng = seeds
    found = {0: _findings(xuchang), 1: _findings(kaifeng)}
    everything = found[0] + found[1]
    assert not [d for d in everything if d.code == "C003"]  # 77% and 80% are right
    assert not [d for d in everything if d.code in ("D001", "D004", "D005", "D007")]  # both 成文日期 are right
    assert not [d for d in found[0] if "〔" in d.excerpt]  # 许组〔2024〕126号 is right
    assert not [d for d in found[0] if d.code == "D008"]  # 1—9月 and 8月4日—8月15日 are right
    assert not [d for d in found[0] if d.line == 151 and d.code.startswith("F")]  # 两个确立 / 两个维护
    assert not [d for d in found[1] if d.line == 11 and d.code == "F001" and "四个" in d.excerpt]
    assert not [d for d in everything if "巡查" in d.excerpt]  # 巡查 (patrol) is right
    assert not [d for d in everything if d.code == "W003" and d.excerpt not in ("群众群众", "确保确保")]
