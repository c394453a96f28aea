"""Rules about OpenCode releases: a file that mixes OpenCode 1 and OpenCode 2 spellings, and
settings whose meaning changed between releases (facts in rules/data/versions.yaml)."""
