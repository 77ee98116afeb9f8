"""The portal's tab bar: every section reachable, the money pages included, on a small phone."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_tab_bar_links_to_the_group_money_pages(portal):
    html = portal.get(reverse("portal:home")).content.decode()

    assert f'<a href="{reverse("settlement_portal:balance")}">Keuangan</a>' in html


def test_money_pages_have_the_portal_header_tabs_and_logout(portal, group_a):
    html = portal.get(reverse("settlement_portal:balance")).content.decode()

    assert "portal/portal.css" in html
    assert f"<strong>{group_a.name}</strong>" in html
    assert f'action="{reverse("portal:logout")}"' in html
    assert f'<a href="{reverse("portal:home")}">Beranda</a>' in html
    assert f'<a href="{reverse("settlement_portal:balance")}" class="on">Keuangan</a>' in html


def test_the_tab_bar_wraps_so_the_last_tabs_stay_reachable_on_narrow_screens():
    with open(finders.find("portal/portal.css"), encoding="utf-8") as css:
        nav_rule = next(line for line in css if line.startswith("nav{"))

    assert "flex-wrap:wrap" in nav_rule
