"""Where Chinese prose breaks: sentences end at 。；！？ (and their half-width forms), clauses at commas too."""

import re

SENTENCE = re.compile(r"[^。；;！？!?]+")
CLAUSE = re.compile(r"[^，,。；;！？!?]+")
