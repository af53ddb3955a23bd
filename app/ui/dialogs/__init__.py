"""The editor's dialogs: each a class that a test can build, show and answer by clicking."""
