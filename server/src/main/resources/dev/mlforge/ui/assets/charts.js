// charts (filled in by the tracking pages)
