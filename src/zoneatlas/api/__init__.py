"""HTTP layer: thin FastAPI routers over the store and the domain modules."""
