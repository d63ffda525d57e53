"""The yearly round: hand each department its file, collect the files back, merge, resolve.

No edit is ever lost: a value both sides changed differently becomes a conflict record and the
master keeps its value until a person decides; a change the department may not make here
(another department's item, another year) is held as 要確認; a file is ordered by its own
revision (an older copy is refused as 古い版); a refused file is kept (a read-only copy) and its
import is recorded with the reason. Every writer holds the master's write lock, and each
collection is one transaction with one savepoint per file.

Jobs, one module each: `handout` (who gets a file: `yearly`), `collect`, `conflicts`, `audit`, `status` (`common` holds what
they share); whether an open file is a department's is `services.clerk_file` (the window asks it at
start-up, without the round's ORM). The modules bring SQLAlchemy's ORM: the window imports them when
a round's action is first used, or while it is idle (ui/window/idle_imports.py), not for its first screen.

This package imports none of its modules: callers import the module they use
(`from kodaira_desk.services.rounds.collect import collect`), so importing one job does not import
every other, and the window's idle imports take them one a turn (issue 27).
"""
