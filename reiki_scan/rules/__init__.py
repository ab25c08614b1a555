"""Rules as data (検出ルール): schema, loader, compiler, exclusions, engine.

patterns/<category>/<ID>-<slug>.yaml holds one rule each; patterns/exclusions.yaml holds the
exclusions every rule shares. ``load_rules()`` validates every file against ``schema.RULE_SCHEMA``
and ``engine.Engine`` runs them over ordinances.
"""

from .loader import RuleError, RuleSet, load_rules  # noqa: F401
