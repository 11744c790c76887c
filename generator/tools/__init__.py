"""The commune clerk's commands: `cchc new`, `new-commune`, `import`, `export`, `synth`.

Import the pipeline and its stages, never the MkDocs adapter.
"""
