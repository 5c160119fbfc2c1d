"""PostgreSQL with psycopg's pool, whose connections are checked cheaply before use."""
