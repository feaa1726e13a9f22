def seed_supervision(*, scale: int = 0, stdout=None) -> None:
    pass
