"""Figures: counts, money, percents and dates with normalised values (see docs/figures.md)."""

from corpus.figures.extract import extract_figures
from corpus.figures.model import KINDS, Figure

__all__ = ["KINDS", "Figure", "extract_figures"]
