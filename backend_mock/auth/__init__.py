"""Login, captchas, server sessions, passwords and account recovery (docs/rules.md#accounts-and-login)."""
