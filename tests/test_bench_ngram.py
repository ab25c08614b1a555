"""bench/bench_ngram_baseline.py reads the labelled sets into provisions the way the scorer sees them: every
label row of a gold set lands on a provision of its document that carries the label's category."""

from __future__ import annotations

from conftest import ROOT, load_bench
from reiki_scan.model import same_provision
from reiki_scan.rules.evaluate import read_labels


def test_every_label_of_a_gold_set_lands_on_a_provision_with_its_category():
    gold = ROOT / "corpus" / "eval" / "dev2"
    rows = load_bench("bench_ngram_baseline").provisions(gold)
    labels = read_labels(gold / "labels.csv")
    for lb in labels:
        hits = [p for p in rows if p.document == lb.document and same_provision(lb.provision, p.path)]
        assert hits, f"{lb.document} {lb.provision}"
        assert any(set(lb.categories) & p.categories for p in hits)
    # a provision carries a category only when a label row of that category names it
    for p in rows:
        for cat in p.categories:
            assert any(lb.document == p.document and same_provision(lb.provision, p.path) and cat in lb.categories
                       for lb in labels)
    assert any(not p.categories for p in rows)


def test_the_stacked_model_reads_what_the_rules_found_in_the_provision_beside_it_and_in_the_document():
    bench = load_bench("bench_ngram_baseline")
    rows = [bench.Provision("d1", path, "17", "", "") for path in ("第1条", "第2条", "第3条")]
    rows.append(bench.Provision("d2", "第1条", "17", "", ""))
    # a finding on an item rolls up to its paragraph, as the scorer reads it
    extra = bench.rule_features([("d1", "第2条第1項第1号", "visual"), ("d1", "第3条", "posting")], rows)
    here, other, beside, in_doc, count = (v > 0 for v in extra(rows[1], "visual"))
    assert (here, other, beside, in_doc) == (True, False, False, True) and count
    assert [v > 0 for v in extra(rows[0], "visual")] == [False, False, True, True, True]
    assert [v > 0 for v in extra(rows[2], "visual")] == [False, True, True, True, True]
    # another document's findings say nothing of this one
    assert extra(rows[3], "visual") == [0.0] * 5
