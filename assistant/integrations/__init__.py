"""The assistant inside other frameworks (llama-index)."""
