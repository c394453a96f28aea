"""tui.json / tui.jsonc: the TUI's own config file (OC6xx). One module per rule; the
schema is rules/schema/tui.schema.json, written from the 1.18.33 binary. The rule index
declares the rules; this package imports none of them."""
