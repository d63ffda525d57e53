"""The main window: its menus, its operations, clerk mode, the server connection, the tree, dropped files, the panes (F6), keyboard help, the window for assistive technology."""
