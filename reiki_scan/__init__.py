"""reiki-scan: 例規集のアナログ規制点検ツール."""

__version__ = "0.1.0"
