"""Where Chinese prose breaks: sentences end at 。；！？ (and their half-width forms), clauses at commas too."""


from rectlint import patterns

SENTENCE = patterns.compile(r"[^。；;！？!?]+")
CLAUSE = patterns.compile(r"[^，,。；;！？!?]+")
SENTENCE_END = patterns.compile(r"[。；;！？!?]")  # what SENTENCE stops at
