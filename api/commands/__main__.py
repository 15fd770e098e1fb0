from api.commands import main

raise SystemExit(main())
