"""argmap's REST service: a thin FastAPI layer over the argmap library, with storage, keys and rendering."""
