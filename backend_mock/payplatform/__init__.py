"""The external payment platform, simulated inside the mock backend (docs/rules.md#registration-and-payment)."""
