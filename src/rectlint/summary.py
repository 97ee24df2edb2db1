"""Per-notice figures for reports: what the notice is, its items by status, the completion figures it
states, and the completion rate its own item labels give."""

from __future__ import annotations

from typing import Any

from rectlint.checks.counts.rate_mismatch import matches
from rectlint.facts import CountStatement
from rectlint.model import Status
from rectlint.rule import Document


def _statement(st: CountStatement) -> dict[str, Any]:
    """A count sentence as plain data; its parts keyed like item statuses (done, in-progress…)."""
    return {"text": st.text, "line": st.span.line, "subject": st.subject,
            "problems": st.problems.value if st.problems else None,
            "total": st.total.value if st.total else None,
            "parts": {str(Status(name.replace("_", "-"))): value for name, value in st.parts().items()},
            "rate": st.rate, "rate_text": st.rate_text, "rate_decimals": st.rate_decimals}


def summarise(doc: Document) -> dict[str, Any]:
    """Cheap (no rule runs, no text scanning): everything comes from the tree and its facts."""
    notice, facts = doc.notice, doc.facts
    published = facts.timeline.published
    tally = facts.status_tally
    items = len(notice.items)
    done = tally[Status.DONE]
    labelled = items - tally[Status.UNSTATED]
    # The sentence the reader takes as the notice's own claim: the first outside the items with a rate,
    # else the first with a total and parts.
    stated = next((c for c in facts.counts if c.item_index is None and c.rate is not None), facts.summary)
    agrees = None  # compared only like with like: a rate of problems, over the whole list of them
    if stated is not None and stated.rate is not None and stated.subject == "问题" and labelled and (
            stated.total is None or stated.total.value == items):
        agrees = matches(stated.rate, stated.rate_decimals, done, items)
    return {
        "title": notice.title,
        "issuer": notice.issuer or (notice.signature.issuer if notice.signature else None),
        "published": published.start.isoformat() if published and published.start else None,
        "published_text": notice.signature.date_text if notice.signature else None,
        "items": items,
        "by_status": {str(s): tally[s] for s in Status},
        # done ÷ all items, in percent; None when no item carries a label to count
        "recomputed_rate": round(done * 100 / items, 2) if labelled else None,
        "stated": _statement(stated) if stated is not None else None,
        "rate_agrees": agrees,  # None: nothing like to compare (no rate, a rate of measures, a partial list)
    }
