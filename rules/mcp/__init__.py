"""MCP servers (OC7xx). One module per rule; ``shape`` knows the Claude/Cursor shape and
OpenCode's. The rule index declares the rules; this package imports none of them."""
