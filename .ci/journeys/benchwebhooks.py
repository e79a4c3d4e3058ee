"""benchwebhooks serves bench's tables under its own settings (tablesFrom): the bench journey, word for
word, through benchwebhooks's own generated client."""

import importlib
import runpy
import sys
from pathlib import Path

sys.modules["bench_client"] = importlib.import_module("benchwebhooks_client")
runpy.run_path(str(Path(__file__).with_name("bench.py")), run_name="__main__")
