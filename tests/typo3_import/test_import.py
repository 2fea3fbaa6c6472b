"""Moving in from TYPO3: the fixture's news archive imported twice, as the office runs the command,
and what readers, members and editors then find (marker `typo3`: needs MariaDB, `make import-test`)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction, Revision
from wagtail_localize.models import Translation

from articles.models import ArticlePage, Topic
from typo3_import.models import ImportedRecord

from .conftest import run_import

pytestmark = [pytest.mark.typo3, pytest.mark.django_db]


def page(slug, language="de"):
    return ArticlePage.objects.get(slug=slug, locale__language_code=language)


def body_html(article):
    return str(article.body)


@pytest.fixture
def imported(news_site, typo3):
    status, output = run_import(typo3.url)
    return status, output


def test_first_run_imports_the_archive_and_a_second_run_changes_nothing(news_site, typo3):
    status, output = run_import(typo3.url)
    assert "news records: 15 imported, 0 updated, 0 unchanged" in output
    assert "files: 8 imported" in output
    # Problems other than missing files make the exit status 1: the fixture has a bad sha1, a file
    # type documents do not accept, an iframe and links to what was not imported.
    assert status == 1
    counts = (
        ArticlePage.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        Document.objects.count(),
        Redirect.objects.count(),
        Topic.objects.count(),
        ImportedRecord.objects.count(),
    )
    status_again, again = run_import(typo3.url)
    assert "news records: 0 imported, 0 updated, 15 unchanged" in again
    assert "files: 0 imported, 0 updated, 8 unchanged" in again
    assert status_again == 1
    assert counts == (
        ArticlePage.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        Document.objects.count(),
        Redirect.objects.count(),
        Topic.objects.count(),
        ImportedRecord.objects.count(),
    )
    assert counts[0] == 15  # 12 German and 3 English articles; the site had none before


def test_the_statement_reads_as_it_did_with_its_date_topics_image_table_and_links(imported):
    status, output = imported
    article = page("integrationsprogramm-wir-aufstocken")
    assert article.title == "Integrationsprogramm „WIR“ muss auf 12 Mio. Euro wachsen"
    assert article.date.isoformat() == "2016-03-02"  # 00:30 in Berlin is still 2 March there
    assert article.kind == "press_release"  # the category "Pressemitteilung"
    assert sorted(topic.name for topic in article.topics.all()) == ["Integration", "Soziales"]
    soziales = Topic.objects.get(slug="soziales", locale__language_code="de")
    assert soziales in article.topics.all()  # matched by name, not created again
    assert article.lead_image.credit == "HStT"
    assert article.lead_image.alt_text == "Sitzung des Sozialausschusses in Dreieich"
    response = Client().get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "„WIR“" in html
    assert "2. März 2016" in html
    assert "Foto: HStT" in html
    assert "Verfasst von: Pressestelle" in html
    assert "<caption>Mittel in Mio. Euro</caption>" in html
    assert '<th scope="col">Städte</th>' in html
    assert "<h2>Was die Städte fordern</h2>" in html or ">Was die Städte fordern</h2>" in html
    assert '<a href="/de/aktuelles/">Aktuelles</a>' in html  # t3://page?uid=3 by its TYPO3 slug
    haushalt = page("haushalt-2017-verlaessliche-finanzen")
    assert f'<a href="{haushalt.url}">zum Haushalt</a>' in html  # t3://record?identifier=tx_news
    statement = Document.objects.get(title="Stellungnahme (PDF)")
    assert f'href="{statement.url}"' in html  # t3://file and the downloads block
    assert "Die Seite Über uns zieht nicht mit um" in html  # a page that was not imported: its text
    assert "t3://" not in html
    assert "news 1 (de) t3://page?uid=2 (Über uns)" in output


def test_no_t3_address_remains_in_any_page_or_revision(imported):
    for article in ArticlePage.objects.all():
        assert "t3://" not in body_html(article)
    for revision in Revision.objects.all():
        assert "t3://" not in str(revision.content)


def test_old_texts_long_teasers_and_missing_values(imported):
    haushalt = page("haushalt-2017-verlaessliche-finanzen")
    assert len(haushalt.teaser) <= 300
    assert haushalt.teaser.endswith("mehr als 200 Millionen Euro.")
    paragraphs = [block.value.source for block in haushalt.body if block.block_type == "paragraph"]
    assert paragraphs[0] == (
        "<p>Der Städtetag fordert deshalb, den Kommunalen Finanzausgleich neu zu berechnen und die Mittel an "
        "die tatsächlichen Kosten anzupassen. Die Verhandlungen mit dem Land beginnen im Dezember.</p>"
    )
    # Lines without <p> (TYPO3 before 8) are paragraphs; <link> tags are links.
    overview = Document.objects.get(file__contains="haushalt")
    assert paragraphs[1] == (
        "<p>Der Städtetag hat den Entwurf des Landeshaushalts geprüft.</p>"
        f'<p>Die Übersicht steht im <a id="{overview.pk}" linktype="document">Haushaltsvergleich</a>, '
        f'Hintergründe auf der Seite <a id="{haushalt.get_parent().pk}" linktype="page">Aktuelles</a>.</p>'
    )
    images = [block.value for block in haushalt.body if block.block_type == "image"]
    assert images[0]["image"].alt_text == "Rathausplatz mit Straßenbahn"  # from sys_file_metadata
    assert images[0]["caption"] == "Rathausplatz im November"
    nulls = page("oeffentlicher-nahverkehr-staedte-fordern-planungssicherheit")  # NULL slug, teaser, text
    assert nulls.teaser == nulls.title
    assert list(nulls.topics.all()) == []  # its only category is deleted
    assert nulls.lead_image == page("integrationsprogramm-wir-aufstocken").lead_image  # same sha1, one image


def test_tables_quotes_and_embedded_content(imported):
    status, output = imported
    article = page("tabellen-zitate-anhaenge")
    blocks = {block.block_type: block.value for block in article.body}
    assert blocks["quote"]["text"] == "Integration gelingt nur gemeinsam mit den Städten."
    assert blocks["quote"]["attribution"] == "Präsidentin des Städtetages"
    assert blocks["table"]["data"] == [["Stadt", "Einwohner"], ["Wiesbaden", "285.000"], ["Stand: 2016", ""]]
    assert blocks["table"]["first_row_is_table_header"] is True
    assert "news 13 (de) <iframe> https://video.example.org/embed/123" in output
    assert "Die fehlende Datei ist nicht mehr da" in body_html(article)
    paper = Document.objects.get(file__contains="altes-papier")
    assert f'<a href="{paper.url}">alte Papier</a>' in str(article.body)  # linked by its fileadmin path


def test_files_are_imported_once_checked_and_sorted_into_the_office_collections(imported):
    status, output = imported
    images = get_image_model().objects.all()
    assert sorted(image.title for image in images) == [
        "Mittel für Integration",
        "Sitzung in Dreieich",
        "bild im text",
    ]
    chart = images.get(title="Mittel für Integration")
    assert chart.alt_text == "Balkendiagramm: Mittel des Programms „WIR“ 2014 bis 2016"  # reference NULL
    assert chart.collection.name == "Import aus TYPO3"
    public = Document.objects.get(title="Stellungnahme (PDF)")
    assert public.collection.name == "Import aus TYPO3"
    circular = Document.objects.get(title="Rundschreiben 4/2016")
    assert circular.collection.name == "Import aus TYPO3 (Mitglieder)"
    restriction = CollectionViewRestriction.objects.get(collection=circular.collection)
    assert set(restriction.groups.values_list("name", flat=True)) == {"Mitglieder", "Geschäftsstelle"}
    assert Client().get(circular.url).status_code != 200  # not for readers
    assert "missing file): file 8 fileadmin/dokumente/fehlt.pdf" in output
    assert "bad sha1): file 9 /dokumente/veraendert.pdf" in output
    assert not Document.objects.filter(file__contains="veraendert").exists()
    assert "file type not accepted for documents): file 11 /dokumente/tabelle.xls" in output


def test_translations_are_wagtail_localize_translations_of_their_german_page(imported):
    german = page("haushalt-2017-verlaessliche-finanzen")
    english = page("2017-budget-reliable-finances", "en")
    assert english.translation_key == german.translation_key
    assert english.get_parent().specific.slug == "news"
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=english.locale
    )
    assert translation.enabled is False  # TYPO3's own English text, edited in the page editor
    assert english.teaser == "The state budget for 2017 leaves the cities alone with rising costs."
    response = Client().get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The association has examined the draft budget." in html
    statement = page("integrationsprogramm-wir-aufstocken")
    assert f'<a href="{statement.url}">integration programme</a>' in html  # no English version: German
    assert english.lead_image == statement.lead_image  # the same file, imported once
    welcome = page("welcome", "en")  # an English record without original: a page of its own
    assert not ArticlePage.objects.filter(translation_key=welcome.translation_key, locale__language_code="de")
    assert not ArticlePage.objects.filter(title="Programme « WIR »").exists()  # French was not mapped


def test_visibility_follows_typo3(imported):
    anonymous = Client()
    draft = page("positionspapier-digitalisierung")
    assert not draft.live and draft.has_unpublished_changes
    assert anonymous.get("/de/aktuelles/positionspapier-digitalisierung/").status_code == 404
    scheduled = page("staedtetag-2035-einladung")
    assert not scheduled.live
    assert scheduled.go_live_at.isoformat() == "2034-12-31T23:00:00+00:00"  # 1 January 2035 in Berlin
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at
    expired = page("ausschreibung-jugendpreis-2017")
    assert expired.expired and not expired.live
    assert not ArticlePage.objects.filter(
        title__in=["Gelöschte Meldung", "Entwurf im Arbeitsbereich"]
    ).exists()
    listing = anonymous.get("/de/aktuelles/").content.decode()
    assert "Sitzung des Präsidiums im Juli" in listing
    for hidden in (
        "Positionspapier Digitalisierung",
        "Städtetag 2035",
        "Jugendpreis",
        "Rundschreiben: Unterbringung",
    ):
        assert hidden not in listing


def test_members_only_records_are_behind_the_members_restriction_in_every_language(imported):
    circular = page("rundschreiben-unterbringung")
    english = page("circular-housing-refugees", "en")
    for article in (circular, english):
        restriction = PageViewRestriction.objects.get(page=article)
        assert set(restriction.groups.values_list("name", flat=True)) == {"Mitglieder", "Geschäftsstelle"}
        response = Client().get(article.url)
        assert response.status_code in (302, 403, 404)
        assert "Nur für Mitglieder" not in response.content.decode()
    office = get_user_model().objects.create_user("office@example.org", password="x")
    office.groups.add(Group.objects.get(name="Geschäftsstelle"))
    client = Client()
    client.force_login(office)
    assert "Nur für Mitglieder: die Hinweise zur Abrechnung." in client.get(circular.url).content.decode()


def test_every_old_address_redirects_permanently(imported):
    client = Client()
    statement = page("integrationsprogramm-wir-aufstocken")
    english = page("2017-budget-reliable-finances", "en")
    july, august = page("sitzung-des-praesidiums"), page("sitzung-des-praesidiums-2")
    expected = {
        "/aktuelles/detail/integrationsprogramm-wir-aufstocken/": statement.url,
        "/aktuelles/detail/?tx_news_pi1[news]=1": statement.url,
        "/aktuelles/detail/?tx_news_pi1%5Baction%5D=detail&tx_news_pi1%5Bcontroller%5D=News"
        "&tx_news_pi1%5Bnews%5D=1&cHash=0123abcd": statement.url,
        "/en/news/detail/2017-budget-reliable-finances/": english.url,
        "/en/news/detail/?tx_news_pi1[news]=2": english.url,  # TYPO3 links translations by the original
        "/en/news/detail/?tx_news_pi1[news]=12": english.url,
        "/aktuelles/detail/sitzung-des-praesidiums/": july.url,  # two records, one address: the first
        "/aktuelles/detail/?tx_news_pi1[news]=9": august.url,
        "/index.php?id=4&tx_news_pi1%5Bnews%5D=9": august.url,
    }
    for old, new in expected.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get(new).status_code == 200
    # Every imported record has its old address.
    for mapping in ImportedRecord.objects.filter(table="tx_news_domain_model_news", page__isnull=False):
        article = mapping.page.specific
        redirects = Redirect.objects.filter(redirect_page=article)
        assert redirects.filter(old_path__contains="tx_news_pi1[news]").exists(), mapping.uid
    assert "/aktuelles/detail/sitzung-des-praesidiums -> news 8" in imported[1]
    # No other redirect comes from the import (a translation's first slug was never an address).
    imported_pages = ImportedRecord.objects.filter(page__isnull=False).values_list("page_id", flat=True)
    assert not Redirect.objects.filter(redirect_page__in=imported_pages, automatically_created=True).exists()


def test_link_records_become_articles_with_their_link(imported):
    internal = page("zum-integrationsprogramm")
    statement = page("integrationsprogramm-wir-aufstocken")
    assert f'<a href="{statement.url}">Zum Integrationsprogramm</a>' in str(internal.body)
    external = page("bericht-des-landes")
    assert '<a href="https://www.example.org/bericht-2016">Bericht des Landes zur Integration</a>' in str(
        external.body
    )


def test_a_later_run_writes_what_changed_in_typo3(news_site, typo3):
    run_import(typo3.url)
    statement = page("integrationsprogramm-wir-aufstocken")
    revisions = Revision.objects.count()
    typo3.execute(
        "UPDATE tx_news_domain_model_news SET title = 'Programm „WIR“: 12 Mio. Euro nötig' WHERE uid = 1;"
        "UPDATE tx_news_domain_model_news SET hidden = 1 WHERE uid = 8;"
        "UPDATE tx_news_domain_model_news SET deleted = 1 WHERE uid = 11;"
    )
    status, output = run_import(typo3.url)
    # The title, the hidden record, and the record that now gets the address the hidden one had.
    assert "news records: 0 imported, 3 updated, 11 unchanged, 1 unpublished" in output
    statement.refresh_from_db()
    assert statement.title == "Programm „WIR“: 12 Mio. Euro nötig"
    assert statement.revisions.count() == 2  # a new revision; the first stays in the history
    assert not page("sitzung-des-praesidiums").live
    assert not page("bericht-des-landes").live
    assert Revision.objects.count() == revisions + 3
    response = Client().get("/aktuelles/detail/sitzung-des-praesidiums/")
    assert response["Location"] == page("sitzung-des-praesidiums-2").url  # as TYPO3 now resolves it
    status, output = run_import(typo3.url)
    assert "news records: 0 imported, 0 updated, 14 unchanged" in output


def test_a_dry_run_reports_and_saves_nothing(news_site, typo3):
    status, output = run_import(typo3.url, "--dry-run")
    assert "dry run: nothing was saved" in output
    assert "news records: 15 would be imported" in output
    assert not ArticlePage.objects.exists()
    assert not Redirect.objects.exists()
    assert not ImportedRecord.objects.exists()
    assert not get_image_model().objects.exists()


def test_only_missing_files_end_the_run_with_status_zero(news_site, typo3):
    typo3.execute(
        "UPDATE sys_file_reference SET deleted = 1 WHERE uid_local IN (9, 11);"
        "UPDATE tx_news_domain_model_news SET bodytext = REPLACE(bodytext, 't3://page?uid=2', 't3://page?uid=3');"
        "UPDATE tx_news_domain_model_news SET bodytext = REPLACE(bodytext, 't3://page?uid=99', 't3://page?uid=3');"
        "UPDATE tx_news_domain_model_news SET bodytext = '<p>Ohne Einbettung.</p>' WHERE uid = 13;"
        "UPDATE tx_news_domain_model_news SET bodytext = CONCAT(bodytext, '<p><a href=\"t3://file?uid=8\">fehlt</a></p>') WHERE uid = 3;"
    )
    status, output = run_import(typo3.url)
    assert re.search(
        r"  problems: 1\n    missing file: 1\n      file 8 fileadmin/dokumente/fehlt.pdf\n", output
    )
    assert status == 0


def test_bad_addresses_get_a_clear_message(news_site):
    status, output = run_import("postgres://localhost/typo3")
    assert status == 1 and "mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE" in output
    status, output = run_import("mysql://root@127.0.0.1:3306/no_such_typo3_database_here")
    assert status == 1 and "Cannot connect" in output
    status, output = run_import("mysql://root@127.0.0.1:3306/mysql")
    assert status == 1 and "has no table tx_news_domain_model_news" in output
