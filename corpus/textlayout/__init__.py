"""Display-time text layout: cell widths, inert rendering, line wrapping and bidi reordering.

Everything here is pure (no Textual/Rich) and works on logical offsets into the article text (Python ``str``
indices, CONVENTIONS.md), so the reader can map what is on screen back to the characters search hits,
entities and annotations point at. See docs/display.md.
"""
