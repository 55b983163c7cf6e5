"""annota.storage: SQLAlchemy tables, migrations and the repositories that read and write them.

`db` (engines, `Database`, `upgrade`), `tables` (+ `*_tables` modules of other features),
repositories by responsibility (`users`, `credentials`, `organizations`, `projects`, `tasks`,
`jobs`, `annotations`), `pagination`, and `errors` (typed, free of HTTP). Repository functions
take a `Session` first and return ORM objects; annotations travel as ADR 0001 wire dicts.
"""
