"""The site settings are in every page's header and footer: a change drops the answers that show them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import invalidate
from core.cache.tags import register_referrer

from .models import SiteSettings

register_referrer(SiteSettings, "settings")  # its footer links to pages: their changes drop "settings"


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def settings_changed(sender, **kwargs):
    invalidate("settings")
