"""Paragraph alignment of two articles (issue 5): features, the DP aligner, user fixes, differences, pairs."""
