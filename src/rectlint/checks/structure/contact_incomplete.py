from typing import Any

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule

AREA_CODE = patterns.compile(r"^[（(]?0\d{2,3}[）)]?[-－—\s]?\d{7,8}$|^1[3-9]\d{9}$|^123(45|88|80)$")
EMAIL = patterns.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
NAMES = {"phone": "电话", "address": "邮政地址", "email": "电子邮箱"}


class ContactIncomplete(Rule):
    """The supervision contact is missing a channel or gives a malformed one.

    ## What it does
    Reads the contact details of the closing and reports a missing telephone, postal address or e-mail
    (the fields are an option), a telephone number without an area code, and a malformed e-mail address.

    ## Why it matters
    Publication exists so that the public can supervise the rectification: the 条例's 释义 and the
    county 公开意见 require the notice to "同时公布接受监督的联系方式" (research notes §1.1, §1.3). A local
    number without its area code cannot be dialled from outside the city.

    ## Example
    ```
    联系方式：电话23151106；电子邮箱：kfhb@126.com。
    ```

    ## Use instead
    ```
    联系方式：电话0371-23151106；邮政地址：青禾市人民路8号；邮政编码：450000；电子邮箱：kfhb@126.com。
    ```

    ## Options
    `required` (default `["phone", "address", "email"]`): the channels every notice must give.
    """

    code = "S004"
    name = "contact-incomplete"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    options = {"required": ["phone", "address", "email"]}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        unknown = [v for v in value if v not in NAMES] if name == "required" else []
        return f"unknown channel '{unknown[0]}' (channels: {', '.join(NAMES)})" if unknown else None

    def check_notice(self, doc: Document):
        n = doc.notice
        if not n.structured or not n.paragraphs:
            return
        contact = n.contact
        where = (contact.span if contact else n.invitation.span if n.invitation else
                 n.closing[0].span if n.closing else n.paragraphs[-1].span)
        missing = [NAMES[k] for k in self.opts["required"] if not (contact and getattr(contact, k, None))]
        if missing:
            yield Finding(where.start, where.end, f"监督联系方式缺少{'、'.join(missing)}")
        if contact and contact.phone and not AREA_CODE.match(contact.phone.value.replace(" ", "")):
            yield Finding(contact.phone.span.start, contact.phone.span.end,
                          f"电话“{contact.phone.value}”缺少区号")
        if contact and contact.email and not EMAIL.match(contact.email.value):
            yield Finding(contact.email.span.start, contact.email.span.end,
                          f"电子邮箱“{contact.email.value}”格式不正确")
