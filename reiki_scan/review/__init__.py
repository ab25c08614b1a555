"""Review (点検・見直し): decisions on findings, merged across re-scans, and the Excel sheet round-trip."""
