"""The domain types: pydantic models of every data file (`extra="forbid"`, each field described) and the portal
as the later stages see it (models/portal.py: Catalog, Commune, Period, where each part was written).

Imports only core.
"""
