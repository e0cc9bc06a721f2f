from .cli._cli import run

run()
