"""Notes, questions and evidence files of a field (issue 25): the window's side, the marks, the dialogs."""
