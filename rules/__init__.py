"""oclint's knowledge of OpenCode and its gateways: one module per rule, plus data.

Importing this package registers every rule in ``linter.registry.REGISTRY``.
"""

from rules import (  # noqa: F401  (imported to register)
    api_key_format,
    base_url_endpoint,
    base_url_v1,
    builtin_id_override,
    deprecated_key,
    disabled_provider,
    duplicate_key,
    gateway_npm,
    insecure_base_url,
    invalid_api_compatibility,
    invalid_encoding,
    invalid_model_ref,
    invalid_type,
    invalid_value,
    json5_syntax,
    mcp,
    missing_file_reference,
    missing_required,
    plaintext_secret,
    provider_id_charset,
    provider_without_models,
    responses_api_required,
    responses_api_unneeded,
    schema_url,
    substitution_syntax,
    syntax_error,
    tui,
    unknown_key,
    unknown_model,
    unknown_provider,
    unused_suppression,
)


def knowledge():
    """What the engine needs to know from here beyond the rules themselves."""
    from linter.app import Knowledge
    from rules.secrets import values
    from rules.opencode_config import merged
    from rules.unused_suppression import postprocess
    from rules.layout import kind_or_config
    return Knowledge(secrets=values, postprocess=postprocess, merge=merged, kind=kind_or_config)
