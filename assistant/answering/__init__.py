"""From passages to a cited answer: evidence, extractive and LLM writers, prompts, guard, comparisons."""
