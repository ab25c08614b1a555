"""Progress report (進捗レポート): one self-contained HTML page toward the abolition goal."""
