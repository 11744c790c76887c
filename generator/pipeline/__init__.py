"""The one readable pipeline that runs the steps in order (build), and which communes a shard builds.

Imports every stage, never the MkDocs adapter nor the tools.
"""
