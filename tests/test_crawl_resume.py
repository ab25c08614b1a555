"""Re-crawls store only what changed; a killed crawl resumes without fetching what it stored."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from test_crawl_server import FixtureServer, build_site

from reiki_scan.crawl.crawler import Crawler
from reiki_scan.crawl.fetch import Fetcher
from reiki_scan.store import Store

HONBUN = "/reiki/reiki_honbun/"
BODIES = [HONBUN + f"k518RG000000{n}.html" for n in ("12", "55", "80")]


def _crawl(run_cli, url, ws):
    return run_cli("crawl", url, "--delay", "0", "--workspace", ws).stdout


def _body_requests(server):
    return [(path, headers) for path, headers in server.log if path.startswith(HONBUN)]


def test_changed_document_is_a_new_version_and_the_rest_answer_304(run_cli, tmp_path):
    with FixtureServer() as server:
        start = build_site(server, "reiki_base")
        assert "新規 3 / 変更 0 / 変更なし 0 / 失敗 0" in _crawl(run_cli, start, tmp_path)
        route = server.routes[BODIES[2]]
        route.body = route.body.replace("無料とする".encode(), "1回100円とする".encode())
        server.log.clear()
        assert "新規 0 / 変更 1 / 変更なし 2 / 失敗 0" in _crawl(run_cli, start, tmp_path)
        second = _body_requests(server)
    # every body was asked for conditionally (ETag and Last-Modified from the first crawl)
    assert sorted(path for path, _ in second) == BODIES
    assert all("if-none-match" in h and "if-modified-since" in h for _, h in second)
    with Store(tmp_path / "corpus" / "reiki.sqlite") as store:
        versions = store.versions_of("k518RG00000080")
        assert [v["seq"] for v in versions] == [1, 2]
        old, new = (store.load_version(v["id"]) for v in versions)
        assert [p.text for p in old.provisions if p.path == "第7条"] == ["駐車場等の使用料は、無料とする。"]
        assert [p.text for p in new.provisions if p.path == "第7条"] == ["駐車場等の使用料は、1回100円とする。"]
        assert len(store.versions_of("k518RG00000012")) == 1


def test_without_validators_identical_bodies_are_recognised_by_hash(tmp_path):
    with FixtureServer() as server:
        start = build_site(server, "reiki_base")
        for route in server.routes.values():
            route.validators = False
        with Store(tmp_path / "db.sqlite") as store:
            for _ in range(2):
                with Fetcher(start, delay=0) as fetcher:
                    summary = Crawler(store, fetcher, progress=False).run(start)
            assert (summary.new, summary.changed, summary.unchanged) == (0, 0, 3)
            assert all(len(store.versions_of(k)) == 1
                       for k in ("k518RG00000012", "k518RG00000055", "k518RG00000080"))


def test_killed_crawl_resumes_without_refetching_stored_bodies(tmp_path):
    exe = Path(sys.executable).with_name("reiki-scan")
    with FixtureServer() as server:
        start = build_site(server, "reiki_base")
        server.routes[BODIES[2]].delay = 30          # the crawl hangs on the third body …
        proc = subprocess.Popen([str(exe), "crawl", start, "--delay", "0", "--workspace", str(tmp_path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        deadline = time.monotonic() + 20
        while server.requests_to(BODIES[2]) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.kill()                                  # … and is killed there, as by Ctrl-C or a reboot
        proc.wait()
        assert server.requests_to(BODIES[2]) == 1
        with Store(tmp_path / "corpus" / "reiki.sqlite") as store:
            assert sorted(r["document_key"] for r in store.latest_versions()) == ["k518RG00000012", "k518RG00000055"]
        server.routes[BODIES[2]].delay = 0
        rerun = subprocess.run([str(exe), "crawl", start, "--delay", "0", "--workspace", str(tmp_path)],
                               capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        counts = [server.requests_to(path) for path in BODIES]
    assert rerun.returncode == 0, rerun.stderr
    assert counts == [1, 1, 2]                        # only the body in flight is fetched again
    assert "新規 1 / 変更 0 / 変更なし 0 / 失敗 0" in rerun.stdout
    assert "取得済みの 2 件" in rerun.stdout
    with Store(tmp_path / "corpus" / "reiki.sqlite") as store:
        runs = store.conn.execute("SELECT finished_at FROM crawl_runs").fetchall()
        assert len(runs) == 1 and runs[0]["finished_at"]
        assert len(store.latest_versions()) == 3
