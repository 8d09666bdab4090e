"""What users and staff touch: the Gradio app and its tabs, the HTTP APIs, the library, feedback."""
