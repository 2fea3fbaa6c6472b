"""Every snippet listing of the admin with every choice of its filters, as the filter form sends it:
each answers 200 with the rows of that choice. (The language filter of topics, committees, venues
and agendas sent the language's id where Wagtail reads its code: every choice was a 404.)"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from tests import factories


def filter_choices(page):
    """(name, value, label) of every choice the listing's filter form offers, but "all"."""
    form = page.select_one("form[data-controller~='w-swap'][method='get'], .w-filter-drilldown form")
    form = form or page
    for select in form.select("select[name]"):
        for option in select.select("option"):
            if option.get("value"):
                yield select["name"], option["value"], option.get_text(strip=True)
    for radio in form.select("input[type=radio][name]"):
        if radio.get("value"):
            label = page.select_one(f"label[for='{radio.get('id')}']")
            yield radio["name"], radio["value"], label.get_text(strip=True) if label else radio["value"]


@pytest.mark.django_db
def test_every_filter_choice_of_every_snippet_listing_answers_with_its_rows(client, admin_user, site):
    factories.make_public_site(site)
    client.force_login(admin_user)
    tried = set()
    for model in get_snippet_models():
        url = reverse(model.snippet_viewset.get_url_name("list"))
        page = BeautifulSoup(client.get(url).content, "html.parser")
        listed = bool(page.select("table tbody tr"))
        for name, value, label in filter_choices(page):
            response = client.get(url, {name: value})
            assert response.status_code == 200, (url, name, value, label, response.status_code)
            tried.add((model._meta.label, name))
            if name == "locale" and listed:  # the site has topics, committees and venues in both languages
                rows = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
                assert rows and all(label in row.get_text(" ") for row in rows), (url, label)
    for model in ("calendar_app.Venue", "calendar_app.Committee", "articles.Topic", "members.Agenda"):
        assert (model, "locale") in tried, (model, tried)
