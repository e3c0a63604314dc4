"""The update repository the packaged program updates itself from (docs/updates.md)."""
