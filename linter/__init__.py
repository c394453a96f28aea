"""oclint's engine: JSONC, spans, diagnostics, fixes, files, settings and output formats.

Nothing here knows OpenCode; that knowledge lives in the ``rules`` package.
"""

__version__ = "0.1.0"
