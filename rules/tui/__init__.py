"""tui.json / tui.jsonc: the TUI's own config file (OC6xx). One module per rule; the
schema is rules/schema/tui.schema.json, written from the 1.18.33 binary."""

from rules.tui import both_files, invalid, keybind_syntax, leader, unknown_key  # noqa: F401
