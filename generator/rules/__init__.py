"""Step 3 and 4: figures computed from the models (compute), then the consistency checker (checks), which
returns findings and never edits what it checks.

Imports core and models: never the loader.
"""
