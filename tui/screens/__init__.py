"""Screens of the app: library, reader, help (and the feature screens: search, entities, compare, annotations)."""
