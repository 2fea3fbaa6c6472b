"""Every way through the admin that the editors' guide (docs/editors.md) names, as "**A → B**" or
"(A → B)", exists in the admin as it is: A is an item of the admin's menu (its sidebar, as the
browser gets it) and B an item of its submenu, or a link or button on the page A opens (e.g.
"Hinzufügen"); or A → B are pages of the demo's page tree ("Mitgliederbereich → Rundschreiben").
The other documents (README.md, docs/*.md) are written in English: there every way that begins with
an item of the admin's menu ("Einstellungen → Webseiten") is checked the same way."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDE = ROOT / "docs" / "editors.md"
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def guide_paths():
    """Each way the guide names, as its list of steps."""
    text = re.sub(r"\s*\n\s*", " ", GUIDE.read_text())  # a way may wrap to the next line
    spans = re.findall(r"\*\*([^*]+?)\*\*", text) + re.findall(r"\(([^()]+?)\)", text)
    return [
        [step.strip() for step in span.split("→")]
        for span in spans
        if "→" in span and "„" not in span  # „Buttons“ → „in quotes“ are what a page shows, not ways
    ]


def menu_ways(text, menu):
    """The ways a text names that begin with an item of the menu: "Einstellungen → Weiterleitungen"."""
    text = re.sub(r"\s*\n\s*", " ", text).replace("**", "|").replace('"', "")  # bold ends a way
    labels = "|".join(re.escape(label) for label in sorted(menu, key=len, reverse=True))
    ways = []
    for match in re.finditer(rf"(?<![\w-])({labels}) → ", text):
        rest = re.split(r"[.,;:()|„“]", text[match.end() :], maxsplit=1)[0]
        ways.append([match.group(1), *(step.strip() for step in rest.split("→"))])
    return ways


def menu_of(props):
    """The sidebar's menu as {label: url or {label: …}} from Wagtail's sidebar properties."""
    items = {}
    for item in props:
        details, *rest = item["_args"]
        if item["_type"].endswith("SubMenuItem"):
            items[details["label"]] = menu_of(rest[0])
        else:
            items[details["label"]] = details["url"]
    return items


def admin_menu(editor):
    page = BeautifulSoup(editor.get("/admin/").content, "html.parser")
    modules = json.loads(page.select_one("#wagtail-sidebar-props").string)["modules"]
    (main,) = [module for module in modules if module["_type"].endswith("MainMenuModule")]
    return menu_of(main["_args"][0])


def links_on(editor, url):
    """{text: href} of the links and buttons of the page's main part, texts in lower case."""
    page = BeautifulSoup(editor.get(url).content, "html.parser")
    main = page.select_one("main") or page
    return {
        " ".join(element.get_text(" ").split()).lower(): element.get("href")
        for element in main.select("a, button")
        if element.get_text(strip=True)
    }


def follow(editor, menu, steps):
    """Whether the admin has this way through its menu; the step it lacks otherwise."""
    here = menu
    for index, step in enumerate(steps):
        if isinstance(here, dict):
            if step not in here:
                return step
            here = here[step]
            continue
        links = links_on(editor, here)  # a page: the next step is a link or button on it
        found = [
            href for text, href in links.items() if re.search(rf"(^|\s){re.escape(step.lower())}($|\s)", text)
        ]
        if not found:
            return step
        if index < len(steps) - 1:
            if not found[0]:
                return steps[index + 1]
            here = found[0]
    return None


def in_page_tree(steps):
    """Whether the German page tree has pages titled as the steps, each a child of the one before."""
    pages = list(Page.objects.filter(locale__language_code="de", title=steps[0]))
    for step in steps[1:]:
        pages = [child for page in pages for child in page.get_children().filter(title=step)]
    return bool(pages)


@pytest.mark.django_db
def test_every_way_the_editors_guide_names_is_in_the_admin(client, admin_user, demo):
    client.force_login(admin_user)
    menu = admin_menu(client)
    assert {"Seiten", "Bilder", "Dokumente", "Mitglieder", "Einstellungen"} <= set(menu), menu
    ways = guide_paths()
    assert len(ways) >= 8, ways
    missing = []
    for steps in ways:
        lacking = follow(client, menu, steps) if steps[0] in menu else None
        if steps[0] not in menu and not in_page_tree(steps):
            lacking = steps[0]
        if lacking is not None:
            missing.append((" → ".join(steps), lacking))
    for document in DOCUMENTS:
        for steps in menu_ways(document.read_text(), menu):
            lacking = follow(client, menu, steps)
            if lacking is not None:
                missing.append((document.name, " → ".join(steps), lacking))
    assert missing == [], missing
