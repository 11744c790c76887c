"""Step 1 and 2: YAML files → typed models, every problem collected with file:line:col (yaml_loader, reader,
pydantic_errors); the JSON Schemas the editors use (schema).

Imports core and models.
"""
