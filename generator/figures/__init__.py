"""Figures drawn from data: movement figures from joint angles and the body map (build only).

Pure functions, data in and SVG text out; only numbers and escaped text reach the SVG.
"""
