"""The rule set is pinned (tests/rules_manifest.json): a rule file deleted, a rule's examples dropped or
a rule added without being pinned fails here, even though test_rules.py would just have fewer cases.

After an intended change to patterns/, regenerate the pin (the failure message says how)."""

from rules_manifest import UPDATE_COMMAND, current, pinned

HINT = f"(an intended change? regenerate the pin: {UPDATE_COMMAND})"


def test_every_pinned_rule_still_loads():
    now, pin = current()["rules"], pinned()["rules"]
    missing = sorted(set(pin) - set(now))
    assert not missing, f"rules gone from patterns/: {missing} {HINT}"
    moved = {rule: (pin[rule]["category"], now[rule]["category"]) for rule in pin
             if now[rule]["category"] != pin[rule]["category"]}
    assert not moved, f"rules moved to another category: {moved} {HINT}"


def test_no_rule_has_fewer_examples_than_pinned():
    now, pin = current()["rules"], pinned()["rules"]
    fewer = {rule: {kind: (pin[rule][kind], now[rule][kind]) for kind in ("match", "no_match")
                    if now[rule][kind] < pin[rule][kind]}
             for rule in pin if rule in now}
    fewer = {rule: kinds for rule, kinds in fewer.items() if kinds}
    assert not fewer, f"rules with fewer examples than pinned (pinned, now): {fewer} {HINT}"


def test_every_shared_exclusion_keeps_its_examples():
    now, pin = current()["shared_exclusions"], pinned()["shared_exclusions"]
    lost = {name: (n["examples"], now.get(name, {}).get("examples", 0)) for name, n in pin.items()
            if now.get(name, {}).get("examples", 0) < n["examples"]}
    assert not lost, f"shared exclusions gone or with fewer examples (pinned, now): {lost} {HINT}"


def test_every_rule_on_disk_is_pinned():
    now, pin = current(), pinned()
    unpinned = sorted(set(now["rules"]) - set(pin["rules"])) + sorted(
        set(now["shared_exclusions"]) - set(pin["shared_exclusions"]))
    assert not unpinned, f"rules not in the pin yet, so their deletion would go unnoticed: {unpinned} {HINT}"
