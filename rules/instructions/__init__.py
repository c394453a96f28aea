"""`instructions` (OC72x): the files OpenCode adds to the system prompt, found as it finds
them. The rule index declares the rules; this package imports none of them."""
