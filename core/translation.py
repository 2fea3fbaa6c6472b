"""Translate pages and snippets through wagtail-localize, the way the translation editor does.

Used by the demo loader and the tests: the English text is given as a mapping from each German
segment to its English version, stored as wagtail-localize string translations, so an editor who
opens the translation editor later sees every segment translated and a later "sync" keeps them.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .text import german_slug


class MissingSegmentTranslation(KeyError):
    """A German segment had no English text in the mapping."""


@transaction.atomic
def translate(instance, locale, strings, publish=True, user=None):
    """Create or update `instance`'s translation into `locale` from `strings` (German -> target).

    Every segment must be in `strings`; a missing one raises MissingSegmentTranslation naming it,
    so that incomplete demo content or test data fails loudly instead of mixing languages.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation_obj, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [seg.string.data for seg in segments if seg.string.data not in strings]
    if missing:
        raise MissingSegmentTranslation(f"No translation for: {missing!r}")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": strings[segment.string.data], "translation_type": "manual"},
        )
    # Fetch the translation again: an old object keeps a stale source (docs/development.md).
    translation_obj = Translation.objects.get(pk=translation_obj.pk)
    if not isinstance(instance, DraftStateMixin):
        translation_obj.save_target(user=user)  # snippets without drafts are saved as they are
        return translation_obj.get_target_instance()
    # wagtail-localize would publish in transaction.on_commit with the page object of this moment;
    # inside a longer transaction that publish comes late and restores stale tree data. Saving a
    # draft and publishing its revision at once, from a fresh instance, has neither problem.
    translation_obj.save_target(user=user, publish=False)
    target = translation_obj.get_target_instance()
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


class TranslatedSlugMixin:
    """A translated page gets an address in its own language: if the translator left the slug segment
    untranslated (it sits on the promote tab, where few look), the slug is made from the translated
    title, transliterated as German slugs are ("Städte" -> "staedte"); a slug the translator gave is
    kept, also one that is the same as the source's.

    In `full_clean`, which Wagtail runs before it works out the page's URL path on every save, also
    when wagtail-localize publishes a translation.
    """

    def full_clean(self, *args, **kwargs):
        self.slug_from_translated_title()
        return super().full_clean(*args, **kwargs)

    def slug_from_translated_title(self):
        if not self.title or not self.locale_id or (self.depth or 0) <= 2:
            return
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return
        source = (
            Page.objects.filter(translation_key=self.translation_key, locale=default)
            .exclude(pk=self.pk)
            .only("slug", "title")
            .first()
        )
        if source is None or self.slug != source.slug or self.title == source.title:
            return
        slug_translated = StringTranslation.objects.filter(
            translation_of__data=source.slug, locale_id=self.locale_id, context__path="slug"
        ).exists()
        if slug_translated:  # the translator gave it, also when it is the same as the source's
            return
        base = german_slug(self.title)[:240]
        parent = self.get_parent()
        if not base or parent is None:
            return
        taken = set(parent.get_children().exclude(pk=self.pk).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        self.slug = slug


def comment_in_the_editors_language(string_translation):
    """wagtail-localize's note beside a translated segment ("Manuell übersetzt am 2. Dezember 2026"),
    with the date in the editor's language: wagtail-localize formats it with `strftime`, which writes
    English month names in every language ("2 December 2026"). Set as StringTranslation.get_comment
    by core's AppConfig; to be dropped when wagtail-localize formats the date itself."""
    date = formats.date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return ""
