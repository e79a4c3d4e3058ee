"""benchauthprotected serves benchauth's tables under its own settings (tablesFrom): the benchauth
journey, word for word, through benchauthprotected's own generated client."""

import importlib
import runpy
import sys
from pathlib import Path

sys.modules["benchauth_client"] = importlib.import_module("benchauthprotected_client")
runpy.run_path(str(Path(__file__).with_name("benchauth.py")), run_name="__main__")
