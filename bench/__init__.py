"""todochat's benchmark harness (issue 6): `python -m bench --help`.

Real ASGI server processes (uvicorn, one worker) against a local fake OpenAI-compatible model,
measured over HTTP: the project, and `bench/floor_app.py` — the least the same SDKs can cost.
"""
