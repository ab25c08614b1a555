"""Which files the package ships; everything else about the package is in pyproject.toml.

The detection rules are written and reviewed in patterns/ at the top of the repository. They ship
inside the package as reiki_scan/patterns — every folder below patterns/ with its YAML files and
READMEs — which is where the rule loader looks in an installed copy (rules/loader.py, DEFAULT_DIR).
So a wheel or an sdist carries the rules and nobody keeps a second copy by hand. pyproject.toml
cannot map a folder outside the package into it, hence this file.
"""

from setuptools import find_namespace_packages, find_packages, setup

RULES = "reiki_scan.patterns"
DATA = ["*.yaml", "*.yml", "*.md"]
rule_packages = [RULES] + [f"{RULES}.{name}" for name in find_namespace_packages(where="patterns")]

setup(
    packages=find_packages(include=["reiki_scan", "reiki_scan.*"]) + ["reiki_scan.report.templates"] + rule_packages,
    package_dir={RULES: "patterns"},
    package_data={"reiki_scan.report.templates": ["*"], "reiki_scan.store": ["schema.sql"],
                  **{name: DATA for name in rule_packages}},
)
