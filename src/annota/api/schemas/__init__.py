"""Wire models (pydantic): `XCreate`, `XUpdate`, `XPublic`, like the FastAPI template."""
