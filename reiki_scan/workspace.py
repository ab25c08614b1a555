"""Workspace (作業フォルダ): corpus/ (the store), reports/ and the settings file reiki-scan.yaml."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

CONFIG_NAME = "reiki-scan.yaml"

DEFAULT_CONFIG = {
    "municipality": "与謝野町",
    "target": 50,
    "deadline": "2027-03-31",
    "departments": ["総務課", "企画財政課", "税務課", "住民環境課", "保健課", "福祉課",
                    "子育て応援課", "農林課", "商工観光課", "建設課", "上下水道課",
                    "教育委員会事務局", "会計室", "議会事務局"],
}


class WorkspaceError(Exception):
    """A problem with the workspace that the user can fix (message in Japanese)."""


@dataclass
class Workspace:
    root: Path
    config: dict = field(default_factory=dict)

    @classmethod
    def open(cls, root: str | os.PathLike) -> "Workspace":
        path = Path(root).resolve()
        path.mkdir(parents=True, exist_ok=True)
        ws = cls(path)
        ws.corpus_dir.mkdir(exist_ok=True)
        ws.reports_dir.mkdir(exist_ok=True)
        ws.config = ws._load_config()
        return ws

    @classmethod
    def open_existing(cls, root: str | os.PathLike) -> "Workspace":
        """A workspace that already holds a corpus; nothing is created.

        Commands that only read (list, scan, review, report) use this, so that a mistyped
        --workspace is refused instead of quietly answering from a new, empty folder.
        """
        path = Path(root).resolve()
        hint = "--workspace の指定を確かめるか、先に reiki-scan import(または crawl)で例規を取り込んでください"
        if not path.exists():
            raise WorkspaceError(f"作業フォルダ {path} がありません。{hint}")
        if not path.is_dir():
            raise WorkspaceError(f"{path} はフォルダではありません。--workspace には作業フォルダを指定してください")
        ws = cls(path)
        if not ws.db_path.is_file():
            raise WorkspaceError(f"作業フォルダ {path} に例規集データ(corpus/reiki.sqlite)がありません。{hint}")
        ws.reports_dir.mkdir(exist_ok=True)
        ws.config = ws._load_config()
        return ws

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def db_path(self) -> Path:
        return self.corpus_dir / "reiki.sqlite"

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def _load_config(self) -> dict:
        if not self.config_path.exists():
            return dict(DEFAULT_CONFIG)
        try:
            data = yaml.safe_load(self.config_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{mark.line + 1}行目付近が" if mark is not None else ""
            raise WorkspaceError(f"設定ファイル {self.config_path} の{where}読めません"
                                 "(「項目: 値」の形で、かっこや引用符は閉じてください)") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(f"設定ファイル {self.config_path} を読めません(UTF-8 で保存してください)") from exc
        if not isinstance(data, dict):
            raise WorkspaceError(f"設定ファイル {self.config_path} の形式が正しくありません(項目: 値 の形で書いてください)")
        return checked_config({**DEFAULT_CONFIG, **data}, self.config_path)

    def save_config(self) -> None:
        atomic_write_text(self.config_path, yaml.safe_dump(self.config, allow_unicode=True, sort_keys=False))

    def store(self):
        from .store import Store
        return Store(self.db_path)


def checked_config(config: dict, path: Path) -> dict:
    """The settings with each value in the form the commands use, or a WorkspaceError naming the item.

    municipality: text; target: a whole number ≥ 1; deadline: an ISO date (2027-03-31), kept as text;
    departments: a list (a line such as 「総務課、税務課」 is split, since that is clearly meant as a list);
    assign: the 所管課 assignment rules (checked_assign_rules).
    """
    def bad(key: str, how: str) -> WorkspaceError:
        return WorkspaceError(f"設定ファイル {path} の {key} を確認してください({how}): 「{config.get(key)}」")

    out = dict(config)
    if not isinstance(config.get("municipality"), str) or not config["municipality"].strip():
        raise bad("municipality", "団体名を 与謝野町 のように書きます")
    out["municipality"] = config["municipality"].strip()
    target = config.get("target")
    if isinstance(target, str) and target.strip().isdigit():
        target = int(target)
    if isinstance(target, bool) or not isinstance(target, int) or target < 1:
        raise bad("target", "撤廃目標の件数を 50 のように数字だけで書きます")
    out["target"] = target
    deadline = config.get("deadline")
    try:
        out["deadline"] = (deadline if isinstance(deadline, date) else date.fromisoformat(str(deadline))).isoformat()
    except ValueError:
        raise bad("deadline", "期限を 2027-03-31 のように 年-月-日 で書きます") from None
    departments = config.get("departments") or []
    if isinstance(departments, str):
        departments = [d for d in re.split(r"[、,,\s]+", departments) if d]
    if not isinstance(departments, list):
        raise bad("departments", "所管課を [総務課, 税務課] のように並べます")
    out["departments"] = [str(d).strip() for d in departments if str(d).strip()]
    out["assign"] = checked_assign_rules(config.get("assign"), out["departments"], path)
    return out


#: What an assignment rule (所管課の割り当て規則) can look at: the setting's key → the 例規's field in Japanese.
ASSIGN_CONDITIONS = {"title": "例規名", "taxonomy": "体系", "number": "例規番号"}


def checked_assign_rules(rules, departments: list[str], path: Path) -> list[dict]:
    """assign: rules that give a 例規 its 所管課, each as {department, title / taxonomy / number: [words]}.

    A condition is a word or a list of words, any of which the 例規名 / 体系 / 例規番号 contains; a rule
    with several conditions needs all of them. Plain words, not regular expressions: a clerk writes
    「(」 or 「.」 in a title without meaning anything by it.
    """
    if rules is None:
        return []
    example = "- department: 総務課 と title: 職員 のように、規則ごとに行を分けて並べます"
    if not isinstance(rules, list):
        raise WorkspaceError(f"設定ファイル {path} の assign を確認してください({example})")
    out = []
    for n, rule in enumerate(rules, start=1):
        def bad(how: str) -> WorkspaceError:
            return WorkspaceError(f"設定ファイル {path} の assign の{n}番目の規則を確認してください({how}): 「{rule}」")
        if not isinstance(rule, dict):
            raise bad(example)
        unknown = [str(k) for k in rule if k not in ("department", *ASSIGN_CONDITIONS)]
        if unknown:
            raise bad(f"{'、'.join(unknown)} は使えません。department と title(例規名)・taxonomy(体系)・"
                      "number(例規番号)で書きます")
        department = str(rule.get("department") or "").strip()
        if not department:
            raise bad("割り当てる課を department: 総務課 のように書きます")
        if departments and department not in departments:
            raise bad(f"課「{department}」が departments の一覧にありません")
        checked = {"department": department}
        for key in ASSIGN_CONDITIONS:
            value = rule.get(key)
            if value is None:
                continue
            words = [str(w).strip() for w in (value if isinstance(value, list) else [value])]
            if isinstance(value, dict) or not words or not all(words):
                raise bad(f"{key} には語を1つか [語, 語] のように書きます")
            checked[key] = words
        if len(checked) == 1:
            raise bad("title(例規名)・taxonomy(体系)・number(例規番号)のどれかで当てはまる例規を示します")
        out.append(checked)
    return out


def os_error_ja(exc: OSError) -> str:
    """Why a file could not be read or written, in the words a clerk uses (not the C library's English)."""
    if isinstance(exc, FileNotFoundError):
        return "ファイルまたはフォルダが見つかりません"
    if isinstance(exc, PermissionError):
        return "権限がありません(ほかのアプリで開いているか、読み取り専用です)"
    if isinstance(exc, IsADirectoryError):
        return "フォルダです(ファイルを指定してください)"
    if isinstance(exc, NotADirectoryError):
        return "途中にフォルダでないものがあります"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a report or sheet is meant to be shared.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
