"""Allow ``python -m bonemets_cli``."""

from bonemets_cli.cli import main

raise SystemExit(main())
