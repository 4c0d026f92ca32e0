"""The dashboard's themes: TOML files loaded, checked, registered and hot-reloaded."""
