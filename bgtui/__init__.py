"""bgtui: the Textual dashboard over the emulator."""
