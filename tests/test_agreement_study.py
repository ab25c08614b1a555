"""The relabelling study (corpus/eval/agreement): its rows point at real provisions, and its scoring is the contract's."""

from __future__ import annotations

import csv

import pytest

from conftest import ROOT, load_bench
from reiki_scan.categories import SLUGS
from reiki_scan.model import same_provision
from reiki_scan.parse.files import parse_file
from reiki_scan.rules.engine import units_of
from reiki_scan.rules.evaluate import Label, read_labels

STUDY = ROOT / "corpus" / "eval" / "agreement"


def _mapping() -> dict[str, tuple[str, str]]:
    with (STUDY / "map.csv").open(encoding="utf-8", newline="") as fh:
        return {r["new"]: (r["set"], r["orig"]) for r in csv.DictReader(fh)}


def test_every_document_of_the_study_is_a_document_of_a_real_set():
    mapping = _mapping()
    assert len(mapping) == 247
    for kind, orig in mapping.values():
        assert (ROOT / "corpus" / "eval" / kind / "docs" / f"{orig}.txt").is_file(), (kind, orig)


@pytest.mark.parametrize("subset", sorted(p.name for p in STUDY.iterdir() if p.is_dir()))
def test_every_relabelled_row_names_a_provision_of_its_document_and_a_known_category(subset):
    mapping = _mapping()
    rows = read_labels(STUDY / subset / "labels.csv")
    assert rows
    paths: dict[str, list[str]] = {}
    for row in rows:
        kind, orig = mapping[row.document]
        if row.document not in paths:
            ordinance = parse_file(ROOT / "corpus" / "eval" / kind / "docs" / f"{orig}.txt")
            paths[row.document] = [u.path for u in units_of(ordinance)]
        assert set(row.categories) <= set(SLUGS), row
        assert any(same_provision(row.provision, p) for p in paths[row.document]), (row.document, row.provision)


def test_two_labellings_agree_on_a_row_when_document_provision_and_one_category_meet():
    agreement = load_bench("bench_agreement").agreement
    first = [Label("d1", "第3条", ("visual", "onsite_audit")), Label("d1", "第5条第2項", ("posting",)),
             Label("d2", "第2条", ("visit_inspection",))]
    second = [Label("d1", "第3条第1項", ("onsite_audit",)),      # 第3条 == 第3条第1項, one alternative meets
              Label("d1", "第5条第2項", ("visual",)),            # another category: no agreement
              Label("d3", "第1条", ("resident_dedicated",))]     # a row the first labelling does not have
    # (rows of second the first has, rows of second, rows of first the second has, rows of first)
    assert agreement(first, second) == (1, 3, 1, 3)
    assert agreement(second, first) == (1, 3, 1, 3)
    assert agreement(first, []) == (0, 0, 0, 3)
