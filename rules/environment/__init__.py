"""The environment a config depends on (OC73x): `{env:...}` variables and MCP commands on
this machine (only with `--check-env`: CI lacks the user's variables and tools), and
substitutions OpenCode does not have. The rule index declares the rules; this package
imports none of them."""
