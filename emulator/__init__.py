"""The background task manager emulator (engine). Never imports Textual."""
