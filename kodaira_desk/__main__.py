from kodaira_desk.cli import main

raise SystemExit(main())
