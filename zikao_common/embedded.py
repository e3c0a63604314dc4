"""What the program and its embedded demo backend agree on (docs/desktop-core.md, "The embedded backend").

The backend the program starts for itself accepts only requests that carry this launch's secret in
``SECRET_HEADER``; any other local process is refused.
"""

SECRET_HEADER = "X-Embedded-Secret"
