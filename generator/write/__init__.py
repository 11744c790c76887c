"""Step 7: the disk: generated Markdown (writer), and what is done to a built site: search index, sitemap
dates, CSP, publishing site/ whole.

Imports only core.
"""
