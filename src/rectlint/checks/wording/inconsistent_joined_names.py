
from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule

# Two bodies named together, written with or without the 顿号 between them.
PAIR = patterns.compile(r"(省委|市委|县委|区委|党委|党组)、?(省政府|市政府|县政府|区政府|政府)")


class InconsistentJoinedNames(Rule):
    """The same pair of bodies written with and without 、 in one notice (市委市政府 / 市委、市政府).

    ## What it does
    Collects the joined names of Party committee and government (市委市政府, 市委、市政府…) and, when a
    notice writes the same pair both ways, reports each occurrence of the less frequent form.

    ## Why it matters
    GB/T 15835-2011 keeps the 局部体例一致原则, and GB/T 15834 uses the 顿号 between coordinate names; one
    notice should not alternate (research notes §3 U55).

    ## Example
    ```
    经市委、市政府研究确定……  制定提请市委市政府印发……
    ```

    ## Use instead
    ```
    经市委、市政府研究确定……  制定并提请市委、市政府印发……
    ```
    """

    code = "W006"
    name = "inconsistent-joined-names"
    category = Category.WORDING
    severity = Severity.INFO

    def check_notice(self, doc: Document):
        seen: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        joined = doc.joined  # PAIR matches no line break: one search finds what each paragraph holds
        for m in joined.near(PAIR, ("政府",), 2, 4):  # 政府 stands 2 to 4 characters into a match
            start = joined.source_offset(m.start())
            seen.setdefault((m.group(1), m.group(2)), []).append((start, start + len(m.group()), m.group()))
        for uses in seen.values():
            forms = {text for _, _, text in uses}
            if len(forms) < 2:
                continue
            major = max(forms, key=lambda f: (sum(1 for u in uses if u[2] == f), "、" in f))
            for start, end, text in uses:
                if text != major:
                    yield Finding(start, end, f"“{text}”与文中的“{major}”写法不一致")
