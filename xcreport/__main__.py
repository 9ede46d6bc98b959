"""``python -m xcreport`` is the ``xcreport`` command."""

import sys

from xcreport.cli import main

# The guard matters on Windows: the reading pool starts its workers by importing the main module.
if __name__ == "__main__":
    sys.exit(main())
