"""The yearly round's windows: hand-out, collection, board, conflicts, the audit log, the year's deadline and lock, the clerk's pre-return check, carried texts."""
