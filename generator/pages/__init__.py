"""The site's pages as Markdown: guide pages, sample plans, the planner page, the navigation.

Build only: never shipped to the browser, never imports MkDocs.
"""
