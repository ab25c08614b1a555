"""Crawling a municipality's web 例規集 (例規集の収集): fetch politely, discover bodies, store versions."""
