"""Chinese and English words: numerals, the dictionary and glossary, translation, place names."""
