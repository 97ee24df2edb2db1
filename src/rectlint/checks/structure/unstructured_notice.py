from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class UnstructuredNotice(Rule):
    """The text has none of the parts of a rectification notice.

    ## What it does
    Reports, once per file, a text in which no title, no numbered section and no problem item could be
    recognised, instead of a long list of findings that would make no sense on such a text.

    It also gives the verdict "not a notice": a text of three paragraphs and 200 characters or more
    with no title of a notice that never names the notice's subject (巡察, 巡视, 整改). On such a text
    this is the only rule that runs, even where the text has numbered headings or dates: every other rule
    would report what a notice lacks, and a story lacks all of it. Shorter texts are taken for excerpts
    and are checked as they are.

    ## Why it matters
    A 巡察整改情况通报 has a fixed shape (title, opening, per-problem records, contact, signature;
    《党政机关公文处理工作条例》第九条). A file without any of it is either not a notice or was
    damaged on the way (a wrong export, a scraped page that lost its body).

    ## Example
    ```
    那年夏天，雨下个不停，我们在河边等了很久。
    ```

    ## Use instead
    Check the right file, or restore the notice's title and numbered items.
    """

    code = "S001"
    name = "unstructured-notice"
    category = Category.STRUCTURE
    severity = Severity.ERROR

    any_text = True

    def check_notice(self, doc: Document):
        n = doc.notice
        first = n.paragraphs[0].span if n.paragraphs else n.span
        if doc.not_a_notice:
            yield Finding(first.start, first.end,
                          "不是巡察整改情况通报：没有通报标题，全文未提及巡察、巡视或整改；其他规则未检查")
        elif not n.structured:
            yield Finding(first.start, first.end,
                          "未识别出通报的结构（标题、编号条目、整改情况均缺失），可能不是巡察整改情况通报")
