"""C006 masks and searches a paragraph once, not sentence by sentence: it must find what the sentence-by-sentence
reading (kept here as the specification) finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import doc_of
from rectlint.checks.counts.mixed_numerals import ARABIC, CHINESE, DIGIT, FIXED, MixedNumerals
from rectlint.sentences import SENTENCE

PIECES = ["三名", "3名", "第二次", "2次", "两个", "5个", "十一个", "一是", "二是", "三会一课", "。", "；", "!", "整改",
          "1.5", "四个意识", "第7名", "八", "人"]


def reference(paragraph) -> list[tuple[int, int, str]]:
    out = []
    for s in SENTENCE.finditer(paragraph.text):
        text = FIXED.sub(lambda m: "\u3000" * len(m.group()), s.group())
        arabic = {m.group()[-1]: m for m in ARABIC.finditer(text)}
        for m in CHINESE.finditer(text):
            if m.group()[-1] in arabic:
                at = paragraph.span.start + s.start() + m.start()
                other = arabic[m.group()[-1]].group()
                out.append((at, at + len(m.group()), f"同一句中“{m.group()}”与“{other}”数字写法不一致"))
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_same_findings_as_sentence_by_sentence(body: str) -> None:
    doc = doc_of(f"关于巡察整改情况的通报\n一、整改落实情况\n1.问题：{body}\n")
    rule = MixedNumerals()
    for p in doc.notice.paragraphs:
        found = [(f.start, f.end, f.message) for f in rule.check_paragraph(p, doc)]
        assert found == (reference(p) if DIGIT.search(p.text) else [])
