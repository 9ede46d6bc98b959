"""``python -m xcreport`` is the ``xcreport`` command."""

import sys

from xcreport.cli import main

sys.exit(main())
