"""Campaign-finance transparency: candidates' income and spending, searchable, against the cap."""
