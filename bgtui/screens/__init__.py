"""The dashboard's screens: the main screen, help, and one modal form per file."""
