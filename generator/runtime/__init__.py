"""The browser runtime: the planner wheel, its lockfile, the memory snapshot, the worker modules.

Build only. What it ships to the browser is exactly `generator.core` and `generator.planner`.
"""
