from rectlint.diagnostics import Category, Severity
from rectlint.facts import CountStatement
from rectlint.rule import Document, Finding, Rule


def _candidates(st: CountStatement) -> list[int]:
    """Numbers of rectified problems the sentence supports (with and without 基本完成)."""
    parts = st.parts()
    if "done" in parts:
        return sorted({parts["done"], parts["done"] + parts.get("basically_done", 0)})
    if parts and st.total:  # 还有5项未整改到位 … 完成率77%: the rest is done
        return [st.total.value - sum(parts.values())]
    return []


# The rates are worked out in integers, in units of the stated precision: what decimal.Decimal gave (its
# quantize, and its formatting of done ÷ total) for any count a notice states, without importing decimal.


def matches(rate: float, decimals: int, done: int, total: int, truncation: bool = True) -> bool:
    stated = _stated(rate, decimals)
    if stated is None:  # a rate written with an exponent: beyond any notice, left to decimal
        return _matches_decimal(rate, decimals, done, total, truncation)
    sign = -1 if (done < 0) != (total < 0) else 1
    down, rest = divmod(abs(done) * 100 * 10**decimals, abs(total))
    allowed = {sign * (down + (2 * rest >= abs(total)))}  # half up
    if truncation:
        allowed.add(sign * down)
    return stated in allowed


def _stated(rate: float, decimals: int) -> int | None:
    """The rate in units of 10^-decimals, rounded half to even (Decimal(str(rate)).quantize); None for a rate
    that str() writes with an exponent."""
    text = str(rate)
    whole, _, fraction = text.lstrip("-").partition(".")
    if decimals < 0 or not (whole + fraction).isdigit():
        return None
    value, extra = int(whole + fraction), len(fraction) - decimals
    if extra <= 0:
        value *= 10**-extra
    else:
        value, rest = divmod(value, 10**extra)
        value += 2 * rest > 10**extra or (2 * rest == 10**extra and value % 2)
    return -value if text.startswith("-") else value


def _matches_decimal(rate: float, decimals: int, done: int, total: int, truncation: bool) -> bool:
    from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

    exact = Decimal(done) * 100 / Decimal(total)
    quantum = Decimal(1).scaleb(-decimals)
    stated = Decimal(str(rate)).quantize(quantum)
    allowed = {exact.quantize(quantum, ROUND_HALF_UP)}
    if truncation:
        allowed.add(exact.quantize(quantum, ROUND_DOWN))
    return stated in allowed


def percent(done: int, total: int) -> str:
    """done × 100 ÷ total with two decimals, rounded half to even (as format(Decimal, ".2f"))."""
    hundredths, rest = divmod(abs(done) * 10000, abs(total))
    hundredths += 2 * rest > abs(total) or (2 * rest == abs(total) and hundredths % 2)
    return f"{'-' if (done < 0) != (total < 0) else ''}{hundredths // 100}.{hundredths % 100:02d}"


class RateMismatch(Rule):
    """A completion rate that is not done ÷ total at the precision it is written with.

    ## What it does
    For every sentence with a total and a completion rate (完成率 / 整改率 / 办结率), recomputes the rate
    from the numbers stated in the same sentence (the done count, or the total minus what is said to be
    unfinished) and compares it at the stated precision: `77%` accepts 76.5–77.49…, `98.71%` needs
    two decimals to agree. Rounding half up and truncation are both accepted.

    ## Why it matters
    A rate that does not follow from the counts beside it is either a miscalculation or a figure kept
    from an earlier draft; either way the notice contradicts itself on the number readers look at first.

    ## Example
    ```
    反馈问题15个，已完成整改10个，整改完成率80%。
    ```

    ## Use instead
    ```
    反馈问题15个，已完成整改10个，整改完成率66.7%。
    ```

    ## Options
    `accept_truncation` (default `true`): accept a rate cut off rather than rounded (17/22 → 77.2%).
    """

    code = "C003"
    name = "rate-mismatch"
    category = Category.COUNTS
    severity = Severity.ERROR
    options = {"accept_truncation": True}

    def check_notice(self, doc: Document):
        for st in doc.facts.counts:
            if st.rate is None or st.total is None or st.total.value == 0 or st.rate_span is None:
                continue
            options = _candidates(st)
            if not options or any(
                    matches(st.rate, st.rate_decimals, d, st.total.value, self.opts["accept_truncation"])
                    for d in options):
                continue
            done = options[0]
            yield Finding(st.rate_span.start, st.rate_span.end,
                          f"完成率{st.rate_text}与{done}/{st.total.value}={percent(done, st.total.value)}%不符")
