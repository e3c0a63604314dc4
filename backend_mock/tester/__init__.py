"""The tester's controls (/mock): clock, scenarios, injected latency and faults (docs/rules.md#tester-controls)."""
