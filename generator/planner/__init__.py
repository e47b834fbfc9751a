"""The planner: a profile in, a plan out. Pure standard library, no I/O, clock or randomness.

Ships in the browser wheel with `generator.core`; the worker calls `browser_api`.
"""
