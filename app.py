"""The chat app: `python app.py` opens the assistant in the browser (same as `policy-assistant serve`)."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
