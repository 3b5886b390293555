"""Subcommands of `kg`, one module each; see `kg.cli.COMMANDS`."""
