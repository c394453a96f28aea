"""oclint's knowledge of OpenCode and its gateways: one module per rule, plus data.

Importing this package registers every rule in ``linter.registry.REGISTRY``.
"""

from rules import (  # noqa: F401  (imported to register)
    deprecated_key,
    duplicate_key,
    invalid_encoding,
    invalid_type,
    invalid_value,
    json5_syntax,
    missing_required,
    schema_url,
    syntax_error,
    unknown_key,
)


def knowledge():
    """What the engine needs to know from here beyond the rules themselves."""
    from linter.app import Knowledge
    return Knowledge()
