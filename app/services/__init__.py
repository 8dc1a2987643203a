"""Domain rules, access checks and database work. The only layer that queries or writes the database."""
