"""Permissions (OC71x): what the rules decide, read as OpenCode evaluates them (the last
matching rule wins; an agent's rules come after the global ones). The rule index declares
the rules; this package imports none of them."""
