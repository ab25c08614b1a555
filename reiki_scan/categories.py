"""The eight analog-regulation categories (類型): the one table of slugs, names and rule prefixes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    name_ja: str
    rule_prefix: str


CATEGORIES: tuple[Category, ...] = (
    Category("visual", "目視", "VIS"),
    Category("onsite_audit", "実地監査", "AUD"),
    Category("periodic_inspection", "定期検査・点検", "PER"),
    Category("resident_dedicated", "常駐・専任", "RES"),
    Category("in_person_training", "対面講習", "TRN"),
    Category("posting", "書面掲示", "PST"),
    Category("visit_inspection", "往訪閲覧・縦覧", "VST"),
    Category("recording_media", "FD等記録媒体", "MED"),
)

BY_SLUG: dict[str, Category] = {c.slug: c for c in CATEGORIES}
BY_NAME: dict[str, Category] = {c.name_ja: c for c in CATEGORIES}
SLUGS: tuple[str, ...] = tuple(c.slug for c in CATEGORIES)


def name_ja(slug: str) -> str:
    """類型名 for a slug (KeyError on an unknown slug)."""
    return BY_SLUG[slug].name_ja
