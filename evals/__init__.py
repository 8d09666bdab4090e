"""Evaluation data and helpers for policy-assistant."""
