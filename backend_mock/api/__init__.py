"""The HTTP layer shared by every domain: the request dependencies and the general endpoints."""
