"""Settings for the test suite: production settings with the values only tests may use.

The production module never looks for a test runner. The suite's fixed message key is known to
everyone (it is in this file), so it is set here and nowhere else; a real deployment that forgot
MESSAGES_ENCRYPTION_KEYS still refuses to start.
"""

import os

TEST_MESSAGES_ENCRYPTION_KEY = "aGVhcnRoLXRlc3QtbWVzc2FnZS1rZXktMzItYnl0ZXM="

# Only defaults: CI points the same suite at PostgreSQL, Redis or SMTP through the environment.
os.environ.setdefault("MESSAGES_ENCRYPTION_KEYS", TEST_MESSAGES_ENCRYPTION_KEY)
os.environ.setdefault("SECRET_KEY", "test-suite-only-not-secret")
os.environ.setdefault("EMAIL_URL", "memory://")

from config.settings import *  # noqa: E402, F403
