"""The one exception type for input a user can fix; the CLI prints it as one line, exit 2."""


class InputError(Exception):
    """Bad input: missing, empty, binary, undecodable or unusable file."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
