"""The old site's addresses of each news record (its detail view, ?tx_news_pi1[news]=uid): planned
from the office's patterns (--old-url) and kept as permanent redirects to the record's page."""

from wagtail.contrib.redirects.models import Redirect

from .plan import LIVE, berlin


def plan_old_paths(plans, patterns, report):
    """Each record's old addresses; an address two records share goes to the first that TYPO3
    showed (the lowest uid among visible records, else the lowest uid)."""
    claims = {}
    for uid in sorted(plans):
        plan = plans[uid]
        pattern = patterns.get(plan.language)
        if not pattern:
            continue
        row = plan.row
        date = berlin(row["datetime"]) if row["datetime"] else None
        values = {
            "path_segment": row["path_segment"] or "",
            "uid": uid,
            "year": f"{date:%Y}" if date else "",
            "month": f"{date:%m}" if date else "",
            "day": f"{date:%d}" if date else "",
        }
        paths = []
        if row["path_segment"] or "{path_segment}" not in pattern:
            paths.append(pattern.format_map(values))
        base = pattern.split("{", 1)[0]
        base = base[: base.rfind("/") + 1] or "/"
        for news_uid in (uid, plan.original):
            if news_uid:
                paths.append(f"{base}?tx_news_pi1[news]={news_uid}")
        for path in paths:
            normalised = Redirect.normalise_path(path)
            visible = plan.state == LIVE
            claims.setdefault(normalised, []).append((not visible, uid))
    for path, claimants in claims.items():
        claimants.sort()
        winner = claimants[0][1]
        plans[winner].old_paths.append(path)
        for _hidden, uid in claimants[1:]:
            report.record = plans[uid].label
            report.note("old address shared: it goes to the first record", f"{path} -> news {winner}")
    report.record = None


def redirect(page, plan, mapping, site, report):
    """The record's old addresses redirect to its page; those an earlier run made that it no longer
    has are removed, and an address that already redirected elsewhere is left as it is."""
    ours = set(mapping.state.get("old_paths", []))
    made = []
    for path in plan.old_paths:
        if len(path) > 255:
            report.problem("old address too long for a redirect", path)
            continue
        existing = Redirect.objects.filter(old_path=path, site=site).first()
        if existing is None:
            Redirect.objects.create(old_path=path, site=site, redirect_page=page, is_permanent=True)
        elif existing.redirect_page_id != page.pk:
            if path in ours:
                existing.redirect_page = page
                existing.redirect_link = ""
                existing.is_permanent = True
                existing.save()
            else:
                report.note("old address already redirects elsewhere: left as it is", path)
                continue
        made.append(path)
    for path in ours - set(made):
        Redirect.objects.filter(old_path=path, site=site, redirect_page=page).delete()
    mapping.state = {**mapping.state, "old_paths": made}
