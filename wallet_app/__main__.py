"""``python -m wallet_app``."""

from __future__ import annotations

import sys

from wallet_app.app import main

sys.exit(main())
