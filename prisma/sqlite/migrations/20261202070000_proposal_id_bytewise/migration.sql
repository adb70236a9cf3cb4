-- Nothing to do on SQLite: its ids compare byte by byte already (BINARY) and the id-prefix search is a
-- range on the primary key. PostgreSQL's migration of the same name makes its key do the same.
SELECT 1;
