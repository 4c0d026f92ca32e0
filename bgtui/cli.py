def main() -> None:  # replaced by the real CLI
    print("bgtui")
