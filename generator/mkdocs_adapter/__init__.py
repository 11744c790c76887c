"""The only package that imports MkDocs: the plugin, the preview of `mkdocs serve`, Material fixes, and the
`cchc` commands that run MkDocs (shard, join) or read mkdocs.yml.

Imports the pipeline and the stages it hooks into (render, write); no stage imports it.
"""
