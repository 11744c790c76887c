"""Step 6: views → text: Markdown pages from templates (pages), CSV/JSON/Atom downloads (opendata), the Word
report (export_docx, docx_layout).

Imports core, models and views.
"""
