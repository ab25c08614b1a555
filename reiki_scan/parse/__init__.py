"""Parsers: HTML / PDF / text → Ordinance. Every format becomes classified lines (lines.py)."""
