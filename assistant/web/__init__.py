"""The web faces of the assistant: the HTTP API (FastAPI), the chat UI (Gradio) and the helpers they share."""
