"""The data model and its checks: frozen dataclasses, errors, the type walker, the catalog.

Pure standard library; ships in the browser wheel with `generator.planner`.
"""
