"""What a browser sends that Django's test client does not: the CSRF check with its `Origin`.

Django's test client skips the CSRF check and sends no `Origin`; Chromium sends `Origin` with every
POST, and `null` where the page's `Referrer-Policy` forbids telling the origin (the Fetch standard's
"serializing a request origin"), which Django's CSRF check refuses. `FormClient` posts a form the
way Chromium would from the page it was shown on: what the form holds (its hidden fields, its CSRF
token, the values it shows, the pressed button) with the person's input, to the form's action.
"""

from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.test import Client

ORIGIN_HIDDEN = {"no-referrer"}
ORIGIN_HIDDEN_CROSS_SITE = {"same-origin"}
SUBMIT_BUTTONS = ("button", "input")
NOT_SENT = {"submit", "button", "reset", "image", "file"}


def origin_sent(page, page_url, action_url):
    """The `Origin` Chromium sends with a POST to `action_url` from `page` (a response) at `page_url`."""
    page_origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    target = urlsplit(action_url)
    same = not target.netloc or f"{target.scheme}://{target.netloc}" == page_origin
    policy = (page.get("Referrer-Policy") or "strict-origin-when-cross-origin").split(",")[-1].strip()
    if policy in ORIGIN_HIDDEN or (policy in ORIGIN_HIDDEN_CROSS_SITE and not same):
        return "null"
    return page_origin


class Form(NamedTuple):
    """One way to send a POST form: its action (a path), the fields it sends as shown, and the
    submit button pressed (name and value, None for a button without a name) with its text."""

    action: str
    fields: list
    button: tuple | None
    label: str

    @property
    def button_name(self):
        return self.button[0] if self.button else None


def shown_values(form):
    """The (name, value) pairs a browser sends for a form as it is shown (checked boxes and radios,
    selected options, text, hidden fields), before anyone changes it."""
    values = []
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "input":
            kind = (control.get("type") or "text").lower()
            if kind in NOT_SENT or (kind in ("checkbox", "radio") and not control.has_attr("checked")):
                continue
            values.append((name, control.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif control.name == "textarea":
            values.append((name, control.get_text()))
        else:
            options = control.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not control.has_attr("multiple"):
                chosen = options[:1]
            values += [(name, o.get("value", o.get_text())) for o in chosen]
    return values


def post_forms(html, page_path):
    """Every way to send the POST forms of a page: one per submit button of each form."""
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urlsplit(urljoin("http://testserver" + page_path, form.get("action") or page_path))
        path = action.path + (f"?{action.query}" if action.query else "")
        fields = shown_values(form)
        buttons = [
            b
            for b in form.find_all(SUBMIT_BUTTONS)
            if (b.get("type") or ("submit" if b.name == "button" else "text")).lower() == "submit"
        ]
        for button in buttons or [None]:
            pressed = (button["name"], button.get("value", "")) if button and button.get("name") else None
            label = " ".join((button.get_text() or button.get("value", "")).split()) if button else ""
            found.append(Form(path, fields, pressed, label))
    return found


class FormClient(Client):
    """A client that enforces the CSRF check and posts a page's form with what the form holds and the
    `Origin` of the page, as a browser does."""

    def __init__(self, **kwargs):
        super().__init__(enforce_csrf_checks=True, **kwargs)

    def submit(self, page_url, data, action=None, secure=False, **extra):
        """GET the page, then send its POST form (the one sent to `action`, default: the first) with
        `data` typed in."""
        page = self.get(page_url, secure=secure, **extra)
        assert page.status_code == 200, (page_url, page.status_code)
        forms = post_forms(page.content.decode(), page_url)
        if action is not None:
            forms = [form for form in forms if form.action == action]
        assert forms, (page_url, "holds no POST form", action)
        return self.send(page, page_url, forms[0], data, secure=secure, **extra)

    def send(self, page, page_url, form, data, secure=False, **extra):
        """Send `form` of `page` (the response at `page_url`) with `data` typed in: a key of `data`
        replaces what the form shows for that name (a list for several values)."""
        scheme = "https" if secure else "http"
        host = extra.get("HTTP_HOST", "testserver")
        body = {}
        for name, value in form.fields:
            if name not in data:
                body.setdefault(name, []).append(value)
        for name, value in data.items():
            body[name] = list(value) if isinstance(value, list | tuple) else [value]
        if form.button:
            body.setdefault(form.button[0], []).append(form.button[1])
        origin = origin_sent(page, f"{scheme}://{host}{page_url}", form.action)
        return self.post(
            form.action,
            body,
            secure=secure,
            HTTP_ORIGIN=origin,
            HTTP_REFERER=f"{scheme}://{host}{page_url}" if origin != "null" else "",
            **extra,
        )
