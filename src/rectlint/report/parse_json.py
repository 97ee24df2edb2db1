"""`rectlint parse`: the tree and its resolved facts as one JSON document."""

from __future__ import annotations

from typing import Any

from rectlint.facts import DateRef
from rectlint.model import to_json
from rectlint.rule import Document


def _iso(ref: DateRef | None, end: bool = False) -> str | None:
    if ref is None:
        return None
    value = ref.end if end else ref.start
    return value.isoformat() if value else None


def _period(ref: DateRef | None) -> dict[str, Any]:
    return {"start": _iso(ref), "end": _iso(ref, end=True) if ref and ref.is_range else None,
            "text": ref.text if ref else None, "span": to_json(ref.span) if ref else None}


def tree(doc: Document) -> dict[str, Any]:
    n, f, t = doc.notice, doc.facts, doc.facts.timeline
    contact = n.contact
    return {
        "path": doc.source.path,
        "encoding": doc.source.encoding,
        "structured": n.structured,
        "title": n.title,
        "title_span": to_json(n.title_span) if n.title_span else None,
        "issuer": n.issuer,
        "published": _iso(t.published),
        "inspection": _period(t.inspection),
        "inspecting_body": t.inspecting_body,
        "inspected": t.inspected,
        "feedback_date": _iso(t.feedback),
        "rectification_period": _period(t.rectification),
        "legal_basis": t.legal_basis,
        "summary": to_json(f.summary) if f.summary else None,
        "outcomes": [to_json(o) for o in f.outcomes],
        "status_tally": {str(k): v for k, v in sorted(f.status_tally.items())},
        "items": [
            {"number": i.number, "index": i.index, "ref": i.ref, "label": i.label, "path": i.path,
             "status": str(i.status), "status_label": i.status_label, "problem": i.problem,
             "span": to_json(i.span), "problem_span": to_json(i.problem_span),
             "measures": [{"marker": m.marker, "text": m.text, "span": to_json(m.span)} for m in i.measures]}
            for i in n.items],
        "sections": [{"heading": s.heading.text, "marker": s.heading.marker, "kind": s.kind,
                      "groups": [g.heading.marker + g.heading.text for g in s.groups],
                      "items": len(s.items) + sum(len(g.items) for g in s.groups), "span": to_json(s.span)}
                     for s in n.sections],
        "next_steps": n.next_steps is not None,
        "invitation": n.invitation.text if n.invitation else None,
        "contact": {k: (getattr(contact, k).value if contact and getattr(contact, k) else None)
                    for k in ("phone", "address", "postcode", "email")},
        "signature": to_json(n.signature) if n.signature else None,
        "chrome": [{"kind": c.kind, "text": c.text, "span": to_json(c.span)} for c in n.chrome],
        "chrome_dates": [{"label": d.label, "date": _iso(d), "text": d.text} for d in t.chrome],
    }
