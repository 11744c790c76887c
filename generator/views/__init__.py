"""Step 5: what each page shows, as named objects (context, charts). Nothing here touches the disk or makes markup.

Imports core, models and rules: never the loader.
"""
