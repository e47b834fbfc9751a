"""MkDocs plugin `hipguide`: a thin shell over the generator."""
