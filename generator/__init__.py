"""Hip extension guide generator: load and validate the data, plan, and render.

Importing the package imports nothing heavy: the planner modules are pure standard library
so the same code runs in CPython and in Pyodide.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
