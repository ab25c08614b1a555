"""The README's 「判定表の記入のしかた」 stays in step with the sheet: every column a reviewer fills, every
choice of the dropdowns and every 状態 the tool sets is explained there."""

from conftest import ROOT
from reiki_scan.review.decisions import APPLICABILITY, POLICIES
from reiki_scan.review.layout import COLUMNS
from reiki_scan.review.state import STATUSES


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## 判定表の記入のしかた")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_readme_explains_every_column_choice_and_status_of_the_review_sheet():
    section = _section()
    for column in COLUMNS:
        if column.editable:
            assert f"| {column.header} |" in section, column.header
    for word in (*APPLICABILITY, *POLICIES):
        assert f"**{word}**" in section, word
    for status in STATUSES:
        assert f"| {status} |" in section, status
    assert "存置のときは必須" in section and "--dry-run" in section
