"""Reading and writing profiles as TOML and JSON files."""
