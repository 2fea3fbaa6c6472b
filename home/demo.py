"""Demo content of the home app: the two home pages, the site record and the site settings.

`ensure_site()` is also what tests use to build a page tree in one line.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from .models import HomePage, SiteSettings
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


def load(context):
    context.home_de, context.home_en = ensure_site()
    ensure_site_settings()


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
