"""Use cases called by both the window and the command line. Each owns its transaction."""
