"""What every stage shares: problems and their wording (errors, messages.yaml), slugs and diacritic folding,
Vietnamese numbers, the small rich-text grammar, site paths, the official list of communes, progress.

Imports nothing else of the generator.
"""
