"""Structure rules about what the opening and the overall summary must state."""

from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingOpeningFacts(Rule):
    """The opening does not name the inspecting body or the legal basis.

    ## What it does
    Reports an opening that does not say which inspection team inspected (`市委第三巡察组`) or on what
    basis the notice is published (`按照《中国共产党巡视工作条例》……有关规定`). The inspection period and
    the feedback date have rules of their own (D002, D003).

    ## Why it matters
    The opening formula of every published notice names the 巡察主体 and the legal basis (research notes
    §1.4 item 2, §8); without them the reader cannot tell which round of inspection the notice answers,
    nor why it is published.

    ## Example
    ```
    根据统一部署，2025年4月8日至5月30日对我局进行了巡察。现将整改情况予以公布。
    ```

    ## Use instead
    ```
    根据市委统一部署，2025年4月8日至5月30日，市委第二巡察组对市水利局党组进行了巡察。……按照《中国共产党
    巡视工作条例》有关规定，现将巡察整改情况予以公布。
    ```
    """

    code = "S007"
    name = "missing-opening-facts"
    category = Category.STRUCTURE
    severity = Severity.INFO

    def check_notice(self, doc: Document):
        n, t = doc.notice, doc.facts.timeline
        if not n.structured or not n.items:
            return
        missing = [name for name, value in (("巡察组", t.inspecting_body), ("公布依据", t.legal_basis)) if not value]
        if missing:
            where = doc.opening_span()
            yield Finding(where.start, where.end, f"开头未写明{'、'.join(missing)}")


class MissingSummary(Rule):
    """The notice gives no overall figures: how many problems, how many rectified, the completion rate.

    ## What it does
    Reports a notice with items but no sentence outside them stating the number of problems fed back
    together with how many are done or the completion rate (`巡察反馈的12个问题，已完成整改9个……
    整改完成率75%`).

    ## Why it matters
    The overall figures are what readers and the 巡察办 compare across units; published notices of
    good practice give them (research notes §1.4 item 3, F12). Without them, completeness can only be
    judged by counting items by hand.

    ## Example
    ```
    现将巡察整改情况予以公布。
    问题1：……
    ```

    ## Use instead
    ```
    截至目前，巡察反馈的21个问题已完成整改20个，正在整改1个，整改完成率95.2%。
    ```
    """

    code = "S008"
    name = "missing-summary"
    category = Category.STRUCTURE
    severity = Severity.INFO

    def check_notice(self, doc: Document):
        n = doc.notice
        if n.items and doc.facts.summary is None:
            where = doc.opening_span()
            yield Finding(where.start, where.end, "通报缺少总体整改情况（问题总数、已完成数、完成率）")


class WebChrome(Rule):
    """Web-page furniture left in the text of the notice.

    ## What it does
    Reports, once per file, lines that belong to the web page rather than to the notice: breadcrumbs
    (`您的位置：首页 > …`), tool bars (`【字号 】【打印】【关闭`), metadata lines (`来源：… 发布时间：…`) and the
    政务公开 index table. They are never linted as prose.

    ## Why it matters
    A notice kept or republished with its page chrome is a copy of a web page, not the document; its
    first line is not its title, and the chrome often carries unbalanced brackets and stray dates.

    ## Example
    ```
    您的位置: 首页 > 公示
    【信息来源:【信息时间:2025-10-15  阅读次数: 】【字号 】【我要打印】【关闭
    ```

    ## Use instead
    Keep the notice's own text: title, body, signature and date.
    """

    code = "S009"
    name = "web-chrome"
    category = Category.STRUCTURE
    severity = Severity.INFO

    def check_notice(self, doc: Document):
        chrome = doc.notice.chrome
        if chrome:
            first = chrome[0].span
            yield Finding(first.start, first.end, f"正文中残留{len(chrome)}行网页信息（导航、工具栏、发布信息等）")
