"""The site around the content: the two home pages, the site record, the settings, the legal pages.

`ensure_site()` is also what tests use to build a page tree in one line.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from core.models import SearchSynonyms
from core.translation import translate
from home.models import ContentPage, HomePage, SiteSettings

from . import accessibility
from .data import site as data


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
            title=data.HOME_TITLE.de,
            slug=data.HOME_SLUG.de,
            locale=de,
            intro=[("paragraph", f"<p>{data.HOME_INTRO.de}</p>")],
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
        home_en = translate(home, en, strings(data.HOME_TITLE, data.HOME_SLUG, data.HOME_INTRO))
    return home, home_en


def strings(*texts):
    """German -> English for wagtail-localize, from Text records."""
    return {text.de: text.en for text in texts}


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
                ("link", {"label": label, "page": None, "url": f"https://staedtetag.example/{slug}"})
                for label, slug in (
                    ("Impressum", "impressum"),
                    ("Datenschutz", "datenschutz"),
                    ("Barrierefreiheit", "barrierefreiheit"),
                )
            ],
        )
    if not SiteSettings.objects.filter(locale=en).exists():
        translate(settings_de, en, data.SETTINGS_TEXTS)
    return settings_de


def ensure_content_pages(home, en, extra=()):
    """Legal notice and privacy in both languages, linked from the footer with the `extra` pages (the
    accessibility statement)."""
    pages = []
    for record in data.CONTENT_PAGES:
        page = ContentPage.objects.filter(locale=home.locale, slug=record.slug.de).first()
        if page is None:
            body = "".join(f"<{block.tag}>{block.text.de}</{block.tag}>" for block in record.body)
            page = ContentPage(
                title=record.title.de, slug=record.slug.de, intro=record.intro.de, body=[("paragraph", body)]
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            translate(
                page,
                en,
                strings(record.slug, record.title, record.intro, *(block.text for block in record.body)),
            )
        pages.append(page)
    pages += list(extra)
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
        settings_en = translate(settings_de, en, data.SETTINGS_TEXTS)
        # Page links are synchronised as they are (to the German pages); in the translation editor
        # a translator picks the English page instead ("Seite ändern"), as done here.
        settings_en.footer_links = [
            ("link", {**block.value, "page": block.value["page"].get_translation(en)})
            for block in settings_en.footer_links
        ]
        settings_en.save()
    return pages


def ensure_synonyms():
    for terms in data.SYNONYMS:
        SearchSynonyms.objects.get_or_create(terms=terms)


def ensure_index_page(model, home, en, record):
    """An index page (an IndexPage record) below the home page in German, with its English translation."""
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(title=record.title.de, slug=record.slug.de, intro=record.intro.de, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    if not model.objects.filter(locale=en, translation_key=index.translation_key).exists():
        translate(index, en, strings(record.title, record.slug, record.intro))
    return index


def load():
    """The site's frame; returns the German and the English home page."""
    ensure_synonyms()
    home_de, home_en = ensure_site()
    ensure_site_settings()
    statement = accessibility.load(home_de, home_en.locale)
    ensure_content_pages(home_de, home_en.locale, extra=[statement])
    return home_de, home_en
