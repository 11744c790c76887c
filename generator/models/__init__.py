"""Typed models of every data file; templates receive these, never raw YAML."""
