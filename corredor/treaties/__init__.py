"""Treaty rulebook, venue checks and the deadline engine.

`rulebook`, `venue`, `calendars` and `engine` are plain Python with no Django import: they can
be used and tested on their own. `labels` adds translated names for the web pages.
"""
