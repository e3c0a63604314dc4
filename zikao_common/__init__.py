"""Pure rules shared by the desktop client (early checks) and the mock backend (enforcement).

No Qt, no HTTP, no database: only functions of their arguments.
"""
