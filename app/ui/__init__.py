"""The desktop editor: main window, dialogs, actions and settings (Qt lives here)."""
