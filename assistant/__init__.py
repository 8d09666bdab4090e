"""policy-assistant: grounded, cited answers over a corpus of talent-policy articles."""

from assistant.answering.answer import Answer, Citation
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.settings import Settings

__version__ = "0.1.0"

__all__ = ["Answer", "Assistant", "AssistantError", "Citation", "Settings", "__version__"]
