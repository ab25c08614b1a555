"""Amendment drafts (改正案): 改正後の文言, 改め文 and 新旧対照表 for every clause decided 該当・見直し.

patterns/amendments/<ID>-<slug>.yaml holds one drafting pattern (起案用例) each: what it matches in
a provision, the model wording that replaces it, where that wording comes from, and examples that
the tests run. ``load_patterns()`` validates them; ``build.drafts_for()`` turns the review into drafts.
"""
