"""Rules for the markdown files OpenCode reads (family OC5xx): agents, modes, commands and
skills, their YAML frontmatter and how they join the config. One module per rule; the
shared knowledge of how OpenCode loads these files is in ``frontmatter``."""
