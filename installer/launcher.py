"""Entry point of the bundled application (PyInstaller runs this file as __main__).

A file of its own outside the package: PyInstaller puts the entry script's folder on the module
search path, and `kodaira_desk/` as that folder would let `kodaira_desk/io` shadow the standard `io`.
"""

from kodaira_desk.cli import main

raise SystemExit(main())
