"""The shell: the program's start, the login → main window cycle, the embedded backend, the session, the self-test."""
