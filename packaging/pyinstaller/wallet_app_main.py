"""Entry script of the PyInstaller bundle: the same ``main`` as the ``wallet-app`` command."""

from __future__ import annotations

import sys

from wallet_app.app import main

if __name__ == "__main__":
    sys.exit(main())
