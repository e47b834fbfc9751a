"""The PDF handouts: exercise, plan and booklet HTML, their cache, and the WeasyPrint build.

Build only.
"""
