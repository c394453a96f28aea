"""MCP servers (OC7xx). One module per rule; ``shape`` knows the Claude/Cursor shape and
OpenCode's."""

from rules.mcp import foreign_server  # noqa: F401
