"""The `quizapp` command's subcommands, one module per area (cli.py gathers them)."""
