"""Babelscope's terminal interface: renders what the ``corpus`` engine computes.

Importing this package does not import textual; ``tui.launcher`` loads the app only when it is opened, so
``babelscope search --json`` starts fast.
"""
