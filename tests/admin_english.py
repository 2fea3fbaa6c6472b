"""English that must not appear in the German admin's interface: the walks through the admin, in
process (tests/core/test_admin_german.py) and in Chromium (tests/browser/), look for these words and
phrases as whole words in what an editor sees. Only words of the interface, not of content: the
admin lists English pages and snippets too ("Social affairs")."""

import re

ENGLISH_UI = [
    "Search",
    "Choose",
    "Update",
    "Delete",
    "Edit",
    "Cancel",
    "Collapse all",
    "Expand all",
    "Recurrence",
    "Dashboard",
    "Home",
    "Add rule",
    "Weekly",
    "Locale",
    "More actions",
    "None",
    "Root",
    "Link text",
    "Email address",
    "Phone number",
    "Subject",
    "Collection",
    "Tags",
    "Sorry",
    "Please",
    "successful",
    "Confirm selection",
    "Deutsch to Englisch translation",
    "December",
    "January",
    # German that reads badly
    "Frequenz",
    "Diese Vorkommen ausschließen",
]


def english_in(text):
    """The words of ENGLISH_UI that stand in `text` as whole words."""
    return [word for word in ENGLISH_UI if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


def chooser_addresses(parent_page_id, results=True):
    """The address of every chooser of the admin: the page chooser (at the root and below
    `parent_page_id`) with its link types, documents, images, and the chooser of every snippet model;
    with `results`, also their result lists as searches and filters load them."""
    from django.urls import reverse
    from wagtail.search.index import class_is_indexed
    from wagtail.snippets.models import get_snippet_models

    paths = [
        "/admin/choose-page/",
        f"/admin/choose-page/{parent_page_id}/",
        f"/admin/choose-page/{parent_page_id}/?page_type=calendar_app.eventpage",  # an agenda's series
        "/admin/choose-external-link/",
        "/admin/choose-email-link/",
        "/admin/choose-phone-link/",
        "/admin/choose-anchor-link/",
        "/admin/documents/chooser/",
        "/admin/images/chooser/",
    ]
    if results:
        paths += [
            "/admin/choose-page/search/?q=Sitzung",
            "/admin/documents/chooser/results/?q=Positionspapier",
            "/admin/images/chooser/results/?q=Foto",
        ]
    for model in get_snippet_models():
        viewset = model.snippet_viewset.chooser_viewset
        paths.append(reverse(viewset.get_url_name("choose")))
        if results:
            listing = reverse(viewset.get_url_name("choose_results"))
            paths.append(listing + "?locale=en")
            if class_is_indexed(model):
                paths.append(listing + "?q=a")
    return paths
