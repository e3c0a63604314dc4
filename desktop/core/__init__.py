"""The core every page uses: tasks, the session store, the server clock and time format, errors, settings, logging."""
