"""Demo content of the home app: the two home pages, the site record and the site settings.

`ensure_site()` is also what tests use to build a page tree in one line.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from .models import ContentPage, HomePage, SearchSynonyms, SiteSettings
from .translation import translate

HOME_TITLE = "Willkommen beim Städtetag"
HOME_INTRO = (
    "Der Städtetag vertritt die Interessen seiner Mitgliedsstädte gegenüber Land und Landtag, "
    "berät die Städte und informiert die Öffentlichkeit über kommunale Themen."
)
HOME_STRINGS = {
    HOME_TITLE: "Welcome to the Association of Cities",
    "startseite": "home",
    HOME_INTRO: (
        "The Association of Cities represents its member cities towards the state government "
        "and parliament, advises the cities and informs the public about municipal affairs."
    ),
}

SETTINGS_STRINGS = {
    "Städtetag": "Association of Cities",
    "Die Stimme der Städte": "The voice of the cities",
    "Impressum": "Legal notice",
    "Datenschutz": "Privacy",
    "Barrierefreiheit": "Accessibility",
    "Alle Inhalte dieser Website werden von der Geschäftsstelle gepflegt.": (
        "All content on this website is maintained by the head office."
    ),
}


def locales():
    return Locale.objects.get(language_code="de"), Locale.objects.get(language_code="en")


def configured_host():
    """Host name and port of WAGTAILADMIN_BASE_URL: where this installation is reached."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname, url.port or (443 if url.scheme == "https" else 80)


def ensure_site():
    """The German home page as the default site's root, with its English translation. Idempotent.

    The site record takes its host and port from WAGTAILADMIN_BASE_URL: page URLs in the API
    (`html_url`, translations, links) come from the site record, so with the demo they lead to the
    server that `make run` starts.
    """
    hostname, port = configured_host()
    de, en = locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=de, depth=2).first()
    if home is None:
        home = HomePage(
            title=HOME_TITLE,
            slug="startseite",
            locale=de,
            intro=[("paragraph", f"<p>{HOME_INTRO}</p>")],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save()
    # Wagtail's placeholder "Welcome" page, created by its migrations, is no use to anyone.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    home_en = HomePage.objects.filter(locale=en, translation_key=home.translation_key).first()
    if home_en is None:
        home_en = translate(home, en, HOME_STRINGS)
    return home, home_en


def ensure_site_settings():
    de, en = locales()
    settings_de = SiteSettings.objects.filter(locale=de).first()
    if settings_de is None:
        settings_de = SiteSettings.objects.create(
            locale=de,
            organisation_name="Städtetag",
            claim="Die Stimme der Städte",
            address="Haus der kommunalen Selbstverwaltung\nFrankfurter Straße 2\n65189 Wiesbaden",
            phone="0611 1702 0",
            email="post@staedtetag.example",
            footer_text="<p>Alle Inhalte dieser Website werden von der Geschäftsstelle gepflegt.</p>",
            footer_links=[
                ("link", {"label": "Impressum", "page": None, "url": "https://staedtetag.example/impressum"}),
                (
                    "link",
                    {"label": "Datenschutz", "page": None, "url": "https://staedtetag.example/datenschutz"},
                ),
                (
                    "link",
                    {
                        "label": "Barrierefreiheit",
                        "page": None,
                        "url": "https://staedtetag.example/barrierefreiheit",
                    },
                ),
            ],
        )
    if not SiteSettings.objects.filter(locale=en).exists():
        translate(settings_de, en, SETTINGS_STRINGS)
    return settings_de


# The pages every German public body's site needs, in the demo's own words: slug, title, intro and
# the body's blocks (tag, German, English), each text written once in both languages.
CONTENT_PAGES = [
    (
        ("impressum", "legal-notice"),
        ("Impressum", "Legal notice"),
        ("Angaben zum Anbieter dieser Website.", "Who provides this website."),
        [
            ("h2", "Anbieter", "Provider"),
            (
                "p",
                "Städtetag, Haus der kommunalen Selbstverwaltung, Frankfurter Straße 2, 65189 Wiesbaden. "
                "Vertreten durch die Geschäftsführung.",
                "Städtetag, Haus der kommunalen Selbstverwaltung, Frankfurter Straße 2, 65189 Wiesbaden, "
                "Germany. Represented by the management.",
            ),
            ("h2", "Kontakt", "Contact"),
            (
                "p",
                "Telefon 0611 1702 0, E-Mail post@staedtetag.example",
                "Phone +49 611 1702 0, email post@staedtetag.example",
            ),
        ],
    ),
    (
        ("datenschutz", "privacy"),
        ("Datenschutz", "Privacy"),
        (
            "Wie wir mit Daten umgehen, wenn Sie diese Website besuchen.",
            "How we handle data when you visit this website.",
        ),
        [
            ("h2", "Keine Dienste Dritter", "No third-party services"),
            (
                "p",
                "Diese Website lädt keine Schriften, Skripte oder Bilder von anderen Servern und setzt "
                "keine Cookies für Besucherinnen und Besucher.",
                "This website loads no fonts, scripts or images from other servers and sets no cookies "
                "for visitors.",
            ),
            ("h2", "Server-Protokolle", "Server logs"),
            (
                "p",
                "Der Server speichert Zugriffe bis zu sieben Tage, um Störungen zu beheben.",
                "The server keeps access logs for up to seven days to resolve faults.",
            ),
        ],
    ),
    (
        ("barrierefreiheit", "accessibility"),
        ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
        (
            "Diese Website soll für alle Menschen ohne Hürden nutzbar sein (BITV 2.0, WCAG 2.1 AA).",
            "This website aims to be usable by everyone without barriers (BITV 2.0, WCAG 2.1 AA).",
        ),
        [
            ("h2", "Stand der Vereinbarkeit", "Compliance status"),
            (
                "p",
                "Die Seiten werden bei jeder Änderung automatisch mit axe-core geprüft und sind mit der "
                "Tastatur bedienbar.",
                "Every change to the pages is checked automatically with axe-core, and all pages can be "
                "used with a keyboard.",
            ),
            ("h2", "Barriere melden", "Report a barrier"),
            (
                "p",
                "Stoßen Sie auf eine Barriere, schreiben Sie an post@staedtetag.example. Wir antworten "
                "innerhalb von zwei Wochen.",
                "If you come across a barrier, write to post@staedtetag.example. We answer within two weeks.",
            ),
            ("h2", "Schlichtungsverfahren", "Conciliation procedure"),
            (
                "p",
                "Bleibt Ihre Meldung ohne Lösung, können Sie sich an die Schlichtungsstelle nach dem "
                "Behindertengleichstellungsgesetz wenden.",
                "If your report is not resolved, you can turn to the conciliation body under the "
                "Disability Equality Act.",
            ),
        ],
    ),
]


def ensure_content_pages(home, en):
    """Legal notice, privacy and accessibility statement in both languages, linked from the footer."""
    pages = []
    for slug, title, intro, blocks in CONTENT_PAGES:
        page = ContentPage.objects.filter(locale=home.locale, slug=slug[0]).first()
        if page is None:
            body = "".join(f"<{tag}>{german}</{tag}>" for tag, german, _english in blocks)
            page = ContentPage(title=title[0], slug=slug[0], intro=intro[0], body=[("paragraph", body)])
            home.add_child(instance=page)
            page.save_revision().publish()
            segments = [slug, title, intro, *((german, english) for _tag, german, english in blocks)]
            translate(page, en, dict(segments))
        pages.append(page)
    settings_de = SiteSettings.objects.get(locale=home.locale)
    placeholders = [block.value["url"] for block in settings_de.footer_links]
    if len(placeholders) == len(pages) and all(
        url.startswith("https://staedtetag.example/") for url in placeholders
    ):
        # only the demo's own placeholder links are replaced: links an editor set stay as they are
        settings_de.footer_links = [
            ("link", {"label": block.value["label"], "page": page, "url": ""})
            for block, page in zip(settings_de.footer_links, pages, strict=True)
        ]
        settings_de.save()
        settings_en = translate(settings_de, en, SETTINGS_STRINGS)
        # Page links are synchronised as they are (to the German pages); in the translation editor
        # a translator picks the English page instead ("Seite ändern"), as done here.
        settings_en.footer_links = [
            ("link", {**block.value, "page": block.value["page"].get_translation(en)})
            for block in settings_en.footer_links
        ]
        settings_en.save()
    return pages


SYNONYMS = [
    "Verkehr, Mobilität, ÖPNV, Nahverkehr, transport, mobility",
    "Schule, Bildung, Schulträger, school, education",
    "Geld, Finanzen, Haushalt, Finanzausgleich, money, finance, budget",
]


def ensure_synonyms():
    for terms in SYNONYMS:
        SearchSynonyms.objects.get_or_create(terms=terms)


def load(context):
    ensure_synonyms()
    context.home_de, context.home_en = ensure_site()
    ensure_site_settings()
    ensure_content_pages(context.home_de, context.home_en.locale)


def ensure_index_page(model, home, en, texts):
    """An index page below the home page in German with its English translation. Idempotent.

    `texts` is (title, slug, intro, English title, English slug, English intro).
    """
    title, slug, intro, en_title, en_slug, en_intro = texts
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    if not model.objects.filter(locale=en, translation_key=index.translation_key).exists():
        translate(index, en, {title: en_title, slug: en_slug, intro: en_intro})
    return index
