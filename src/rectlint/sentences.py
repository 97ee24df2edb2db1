"""Where Chinese prose breaks: sentences end at 。；！？ (and their half-width forms), clauses at commas too."""


from rectlint import patterns

SENTENCE = patterns.compile(r"[^。；;！？!?]+")
CLAUSE = patterns.compile(r"[^，,。；;！？!?]+")
SENTENCE_END = patterns.compile(r"[。；;！？!?]")  # what SENTENCE stops at
_TO_CLAUSE_END = patterns.compile(r"(?s:.*)[，,。；;！？!?]")  # from the start, up to the last end of a clause


def clause_at(text: str, at: int) -> tuple[int, int] | None:
    """The span of the clause of `text` (a CLAUSE match) that holds offset `at`; None at a mark that ends one.
    Found from `at` both ways, not by listing every clause: few of a text's clauses are ever asked for."""
    if (rest := CLAUSE.match(text, at)) is None:
        return None
    before = _TO_CLAUSE_END.match(text, 0, at)
    return (0 if before is None else before.end()), rest.end()
